package dropvault.retrieval;

import dropvault.protocol.ClientId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One end of a connection's sealed messages (docs/PROTOCOL.md §10): AES-256-GCM under a key derived
 * from the AES key the connection's 1602 or 1605 carried, a fresh random nonce per message, and as
 * associated data the client id, the code and the message's number among those this end sent (or
 * received) on the connection. So a message opens only at its own place: not under another code, for
 * another client, on another connection, twice, or after one that went missing. Not thread-safe.
 */
public final class SealedChannel {
    /** Nonce and tag: what a sealed message adds to its body. */
    public static final int OVERHEAD = 12 + 16;
    private static final byte[] LABEL = "dropvault sealed messages".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BITS = 128;
    private static final String GCM = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final ClientId clientId;
    private final SecureRandom random;
    private final Cipher sealing;
    private final Cipher opening;
    private long sent;
    private long received;

    /**
     * @param connectionKey the 32-byte AES key of the connection's key exchange
     * @param clientId      the client the connection speaks for
     */
    public SealedChannel(byte[] connectionKey, ClientId clientId, SecureRandom random) {
        this(connectionKey, clientId, random, null);
    }

    /** With AES-GCM from {@code provider} (null: the first provider of the runtime that has it). */
    public SealedChannel(byte[] connectionKey, ClientId clientId, SecureRandom random, Provider provider) {
        if (connectionKey.length != 32) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes, not " + connectionKey.length);
        }
        this.key = new SecretKeySpec(derive(connectionKey), "AES");
        this.clientId = clientId;
        this.random = random;
        try {
            this.sealing = provider == null ? Cipher.getInstance(GCM) : Cipher.getInstance(GCM, provider);
            this.opening = provider == null ? Cipher.getInstance(GCM) : Cipher.getInstance(GCM, provider);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(GCM + " is part of every Java runtime", e);
        }
    }

    /** HMAC-SHA-256 of a fixed label under the connection key: the file cipher's key never serves GCM itself. */
    private static byte[] derive(byte[] connectionKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(connectionKey, "HmacSHA256"));
            return mac.doFinal(LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The sealed payload of a message of {@code code} carrying {@code body}: nonce, ciphertext, tag. */
    public byte[] seal(int code, byte[] body) {
        return seal(code, body, 0, body.length);
    }

    public byte[] seal(int code, byte[] body, int offset, int length) {
        byte[] sealed = new byte[OVERHEAD + length];
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, sealed, 0, 12);
        try {
            sealing.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            sealing.updateAAD(associatedData(code, sent));
            sealing.doFinal(body, offset, length, sealed, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every Java runtime", e);
        }
        sent++;
        return sealed;
    }

    /**
     * The body of the next message received, of {@code code}.
     *
     * @throws UnsealException when it does not open (it is not counted: the connection should end)
     */
    public byte[] open(int code, byte[] sealed) throws UnsealException {
        byte[] body = new byte[Math.max(0, sealed.length - OVERHEAD)];
        open(code, sealed, 0, sealed.length, body);
        return body;
    }

    /**
     * {@link #open(int, byte[])} of {@code length} sealed bytes at {@code offset}, the body written into
     * {@code out} from its start (it must hold {@code length - OVERHEAD} bytes); returns the body's length.
     */
    public int open(int code, byte[] sealed, int offset, int length, byte[] out) throws UnsealException {
        if (length < OVERHEAD) {
            throw new UnsealException("a sealed message of " + length + " bytes; it takes at least " + OVERHEAD);
        }
        try {
            opening.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset, 12));
            opening.updateAAD(associatedData(code, received));
            int n = opening.doFinal(sealed, offset + 12, length - 12, out, 0);
            received++;
            return n;
        } catch (AEADBadTagException e) {
            throw new UnsealException("message " + code + " does not open with this connection's key at its place ("
                    + received + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every Java runtime", e);
        }
    }

    /** Client id (16), code (u16), the message's number (u64). */
    private byte[] associatedData(int code, long number) {
        return ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN).put(clientId.toBytes()).putShort((short) code)
                .putLong(number).array();
    }
}
