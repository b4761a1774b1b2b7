package dropvault.crypto.internal;

import dropvault.crypto.AesCbcStream;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Objects;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CBC with a zero IV over a JCA {@link Cipher}.
 *
 * <p>With {@code boundSlices}, no array larger than {@link #DIRECT_MAX} bytes is handed to the
 * cipher: a slice of a larger array goes through scratch arrays of {@link #SCRATCH} bytes, small
 * enough that the copies stay in the core's cache. Conscrypt needs this, as it copies the whole
 * array across JNI on every call (1.5 MB/s for 64 KiB slices of 64 MiB).
 */
final class JcaAesCbcStream implements AesCbcStream {
    static final int SCRATCH = 16 * 1024;
    /** Arrays up to this size go to the cipher as they are (a packet's frame of 16 KiB of data, say). */
    static final int DIRECT_MAX = 64 * 1024 + 64;
    private static final int BLOCK = 16;
    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[BLOCK]);

    private final Cipher cipher;
    private final boolean decrypting;
    private final boolean boundSlices;
    private long fed;
    private byte[] scratchIn;
    private byte[] scratchOut;
    private boolean finished;

    JcaAesCbcStream(Cipher cipher, int mode, byte[] key, boolean boundSlices) throws InvalidKeyException {
        if (key.length != 32) {
            throw new InvalidKeyException("an AES-256 key is 32 bytes, not " + key.length);
        }
        try {
            cipher.init(mode, new SecretKeySpec(key, "AES"), ZERO_IV);
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException(e);
        }
        this.cipher = cipher;
        this.decrypting = mode == Cipher.DECRYPT_MODE;
        this.boundSlices = boundSlices;
    }

    @Override
    public int updateOutputSize(int inputLength) {
        return cipher.getOutputSize(inputLength);
    }

    @Override
    public int update(byte[] in, int off, int len, byte[] out, int outOff) {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        Objects.checkFromIndexSize(off, len, in.length);
        Objects.checkIndex(outOff, out.length + 1);
        fed += len;
        try {
            if (!boundSlices || (in.length <= DIRECT_MAX && out.length <= DIRECT_MAX)) {
                return cipher.update(in, off, len, out, outOff);
            }
            return updateThroughScratch(in, off, len, out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        }
    }

    private int updateThroughScratch(byte[] in, int off, int len, byte[] out, int outOff) throws ShortBufferException {
        if (scratchIn == null) {
            scratchIn = new byte[SCRATCH];
            scratchOut = new byte[SCRATCH + 2 * BLOCK];
        }
        int written = 0;
        for (int done = 0; done < len; ) {
            int n = Math.min(SCRATCH, len - done);
            System.arraycopy(in, off + done, scratchIn, 0, n);
            int produced = cipher.update(scratchIn, 0, n, scratchOut, 0);
            if (produced > out.length - outOff - written) {
                throw new ShortBufferException("output buffer too small for " + len + " input bytes");
            }
            System.arraycopy(scratchOut, 0, out, outOff + written, produced);
            written += produced;
            done += n;
        }
        return written;
    }

    @Override
    public int finish(byte[] out, int outOff) throws BadPaddingException {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        finished = true;
        try {
            if (decrypting && fed == 0) {
                // some providers decrypt nothing to nothing; a ciphertext is at least one padded block
                cipher.doFinal(out, outOff);
                throw new BadPaddingException("an empty ciphertext: PKCS#7 padding needs at least one block");
            }
            return cipher.doFinal(out, outOff);
        } catch (IllegalBlockSizeException e) {
            throw new BadPaddingException("ciphertext is not a whole number of AES blocks");
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        }
    }
}
