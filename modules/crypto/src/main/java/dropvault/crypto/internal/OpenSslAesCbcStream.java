package dropvault.crypto.internal;

import dropvault.crypto.AesCbcStream;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.security.InvalidKeyException;
import java.util.Objects;
import javax.crypto.BadPaddingException;

/**
 * AES-256-CBC with a zero IV over the system's libcrypto ({@link LibCrypto}), in place on the
 * caller's arrays. The native code writes into {@code out} with no bounds of its own, so every call
 * first checks that the most it may write fits: {@link #updateOutputSize}, which follows the
 * blocks OpenSSL holds back (a partial one; when decrypting, the last whole one).
 */
final class OpenSslAesCbcStream implements AesCbcStream {
    private static final int BLOCK = 16;

    private final LibCrypto lib;
    private final MemorySegment ctx;
    private final Cleaner.Cleanable freeing;
    private final boolean decrypting;
    private final int[] outLength = new int[1];
    /** Bytes fed that have not come out yet: at most a block. */
    private int held;
    private long fed;
    private boolean finished;

    OpenSslAesCbcStream(LibCrypto lib, byte[] key, boolean encrypt) throws InvalidKeyException {
        if (key.length != 32) {
            throw new InvalidKeyException("an AES-256 key is 32 bytes, not " + key.length);
        }
        this.lib = lib;
        this.decrypting = !encrypt;
        MemorySegment c = lib.newContext(key, encrypt);
        this.ctx = c;
        // a stream given up before its end still frees its context (and the key schedule in it)
        this.freeing = LibCrypto.CLEANER.register(this, () -> lib.free(c));
    }

    @Override
    public int updateOutputSize(int inputLength) {
        return Math.toIntExact(mostOut(inputLength));
    }

    /** The most an update of {@code inputLength} bytes writes, in a long: an int could wrap. */
    private long mostOut(int inputLength) {
        return ((long) held + inputLength) / BLOCK * BLOCK;
    }

    @Override
    public int update(byte[] in, int off, int len, byte[] out, int outOff) {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        Objects.checkFromIndexSize(off, len, in.length);
        long most = mostOut(len);
        if (outOff < 0 || outOff > out.length || out.length - outOff < most) {
            throw new IllegalArgumentException("output buffer too small: " + most + " bytes may come out at "
                    + outOff + " of " + out.length);
        }
        if (len == 0) {
            return 0;
        }
        if (in == out && off != outOff) {
            // OpenSSL refuses slices that overlap without being the same
            in = java.util.Arrays.copyOfRange(in, off, off + len);
            off = 0;
        }
        int n = lib.update(ctx, out, outOff, outLength, in, off, len);
        if (n < 0) {
            lib.clearErrors();
            throw new IllegalStateException("EVP_CipherUpdate failed");
        }
        fed += len;
        held = held + len - n;
        return n;
    }

    @Override
    public int finish(byte[] out, int outOff) throws BadPaddingException {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        if (outOff < 0 || outOff > out.length || out.length - outOff < BLOCK) {
            throw new IllegalArgumentException("output buffer too small: up to " + BLOCK + " bytes come out at "
                    + outOff + " of " + out.length);
        }
        finished = true;
        try {
            int n = lib.finish(ctx, out, outOff, outLength);
            if (n < 0) {
                lib.clearErrors();
                throw new BadPaddingException(decrypting && fed % BLOCK != 0
                        ? "ciphertext is not a whole number of AES blocks"
                        : fed == 0 ? "an empty ciphertext: PKCS#7 padding needs at least one block" : "bad PKCS#7 padding");
            }
            return n;
        } finally {
            freeing.clean();
        }
    }
}
