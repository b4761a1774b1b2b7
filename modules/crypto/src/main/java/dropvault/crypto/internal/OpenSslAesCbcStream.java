package dropvault.crypto.internal;

import dropvault.crypto.AesCbcStream;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.security.InvalidKeyException;
import java.util.Objects;
import javax.crypto.BadPaddingException;

/**
 * AES-256-CBC with a zero IV over the system's libcrypto ({@link LibCrypto}), in place on the
 * caller's arrays or buffers (a direct buffer's native memory is handed over as it is). The native
 * code writes into {@code out} with no bounds of its own, so every call
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
        Objects.checkFromIndexSize(off, len, in.length);
        if (outOff < 0 || outOff > out.length) {
            throw new IllegalArgumentException("output offset " + outOff + " of " + out.length);
        }
        return update(MemorySegment.ofArray(in).asSlice(off, len), MemorySegment.ofArray(out).asSlice(outOff));
    }

    @Override
    public int update(ByteBuffer in, ByteBuffer out) {
        if (out.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int n = update(MemorySegment.ofBuffer(in), MemorySegment.ofBuffer(out));
        in.position(in.limit());
        out.position(out.position() + n);
        return n;
    }

    @Override
    public boolean inPlaceOnDirectBuffers() {
        return true;
    }

    /** All of {@code in} into {@code out}, which the native code may fill up to {@link #mostOut}. */
    private int update(MemorySegment in, MemorySegment out) {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        int len = Math.toIntExact(in.byteSize());
        long most = mostOut(len);
        if (out.byteSize() < most) {
            throw new IllegalArgumentException("output buffer too small: " + most + " bytes may come out, "
                    + out.byteSize() + " fit");
        }
        if (len == 0) {
            return 0;
        }
        if (in.asOverlappingSlice(out).isPresent() && in.address() != out.address()) {
            // OpenSSL refuses slices that overlap without starting at the same byte
            in = MemorySegment.ofArray(in.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        }
        int n = lib.update(ctx, out, outLength, in, len);
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
        if (outOff < 0 || outOff > out.length) {
            throw new IllegalArgumentException("output offset " + outOff + " of " + out.length);
        }
        return finish(MemorySegment.ofArray(out).asSlice(outOff));
    }

    @Override
    public int finish(ByteBuffer out) throws BadPaddingException {
        if (out.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int n = finish(MemorySegment.ofBuffer(out));
        out.position(out.position() + n);
        return n;
    }

    private int finish(MemorySegment out) throws BadPaddingException {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        if (out.byteSize() < BLOCK) {
            throw new IllegalArgumentException("output buffer too small: up to " + BLOCK + " bytes come out, "
                    + out.byteSize() + " fit");
        }
        finished = true;
        try {
            int n = lib.finish(ctx, out, outLength);
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
