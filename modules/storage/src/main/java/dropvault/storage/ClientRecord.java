package dropvault.storage;

import dropvault.protocol.ClientId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * A registered client (PROTOCOL.md §7). {@code publicKey} and {@code aesKey} are empty until the
 * client sends its key.
 */
public record ClientRecord(ClientId id, String name, Optional<byte[]> publicKey, Instant lastSeen,
                           Optional<byte[]> aesKey) {

    public ClientRecord {
        publicKey = publicKey.map(byte[]::clone);
        aesKey = aesKey.map(byte[]::clone);
    }

    public static ClientRecord registered(ClientId id, String name, Instant now) {
        return new ClientRecord(id, name, Optional.empty(), now, Optional.empty());
    }

    @Override
    public Optional<byte[]> publicKey() {
        return publicKey.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> aesKey() {
        return aesKey.map(byte[]::clone);
    }

    public ClientRecord withKeys(byte[] newPublicKey, byte[] newAesKey, Instant now) {
        return new ClientRecord(id, name, Optional.of(newPublicKey), now, Optional.of(newAesKey));
    }

    public ClientRecord withLastSeen(Instant now) {
        return new ClientRecord(id, name, publicKey, now, aesKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientRecord c && id.equals(c.id) && name.equals(c.name) && lastSeen.equals(c.lastSeen)
                && sameBytes(publicKey, c.publicKey) && sameBytes(aesKey, c.aesKey);
    }

    private static boolean sameBytes(Optional<byte[]> a, Optional<byte[]> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "ClientRecord[id=" + id + ", name=" + name + ", publicKey=" + publicKey.isPresent() + ", lastSeen="
                + lastSeen + "]";
    }
}
