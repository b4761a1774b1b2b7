package dropvault.storage;

import dropvault.protocol.ClientId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * A registered client (PROTOCOL.md §7). {@code publicKey} is empty until the client sends its key.
 * No AES key: the one issued to a connection lives in that connection's session only, and is never
 * stored (docs/SECURITY.md). {@code keyBound}: the client proved over TLS that it holds the private
 * key of its public key, and from then on reconnects only with that proof (docs/TLS.md).
 */
public record ClientRecord(ClientId id, String name, Optional<byte[]> publicKey, Instant lastSeen, boolean keyBound) {

    public ClientRecord {
        publicKey = publicKey.map(byte[]::clone);
    }

    /** A client not key-bound. */
    public ClientRecord(ClientId id, String name, Optional<byte[]> publicKey, Instant lastSeen) {
        this(id, name, publicKey, lastSeen, false);
    }

    public static ClientRecord registered(ClientId id, String name, Instant now) {
        return new ClientRecord(id, name, Optional.empty(), now);
    }

    @Override
    public Optional<byte[]> publicKey() {
        return publicKey.map(byte[]::clone);
    }

    public ClientRecord withPublicKey(byte[] newPublicKey, Instant now) {
        return new ClientRecord(id, name, Optional.of(newPublicKey), now, keyBound);
    }

    public ClientRecord withLastSeen(Instant now) {
        return new ClientRecord(id, name, publicKey, now, keyBound);
    }

    /** This client, key-bound. */
    public ClientRecord withKeyBound() {
        return new ClientRecord(id, name, publicKey, lastSeen, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientRecord c && id.equals(c.id) && name.equals(c.name) && lastSeen.equals(c.lastSeen)
                && keyBound == c.keyBound && publicKey.isPresent() == c.publicKey.isPresent()
                && (publicKey.isEmpty() || Arrays.equals(publicKey.get(), c.publicKey.get()));
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "ClientRecord[id=" + id + ", name=" + name + ", publicKey=" + publicKey.isPresent() + ", lastSeen="
                + lastSeen + ", keyBound=" + keyBound + "]";
    }
}
