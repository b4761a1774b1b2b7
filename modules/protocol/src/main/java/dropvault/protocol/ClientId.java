package dropvault.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/** A client's id: 16 raw bytes on the wire, 32 hex digits in files and logs. */
public final class ClientId implements Comparable<ClientId> {
    public static final ClientId ZERO = new ClientId(new byte[Protocol.CLIENT_ID_SIZE]);

    private final byte[] bytes;

    private ClientId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static ClientId of(byte[] bytes) {
        if (bytes.length != Protocol.CLIENT_ID_SIZE) {
            throw new IllegalArgumentException("a client id is 16 bytes, not " + bytes.length);
        }
        return new ClientId(bytes.clone());
    }

    public static ClientId of(byte[] buffer, int offset) {
        return new ClientId(Arrays.copyOfRange(buffer, offset, offset + Protocol.CLIENT_ID_SIZE));
    }

    /** Parses 32 hex digits (either case, surrounding white space ignored). */
    public static ClientId fromHex(String hex) {
        String digits = hex.strip();
        if (digits.length() != 2 * Protocol.CLIENT_ID_SIZE) {
            throw new IllegalArgumentException("a client id is 32 hex digits, not " + digits.length() + " characters");
        }
        try {
            return new ClientId(HexFormat.of().parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a client id is 32 hex digits: " + digits, e);
        }
    }

    /** A random id; pass a {@code SecureRandom} for ids that must not be guessed. */
    public static ClientId random(Random random) {
        byte[] b = new byte[Protocol.CLIENT_ID_SIZE];
        random.nextBytes(b);
        return new ClientId(b);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    void writeTo(byte[] buffer, int offset) {
        System.arraycopy(bytes, 0, buffer, offset, bytes.length);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(ClientId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
