package dropvault.crypto.internal;

import dropvault.crypto.AesCbcStream;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-CBC with a zero IV over a JCA {@link Cipher}. */
final class JcaAesCbcStream implements AesCbcStream {
    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[16]);

    private final Cipher cipher;
    private boolean finished;

    JcaAesCbcStream(Cipher cipher, int mode, byte[] key) throws InvalidKeyException {
        if (key.length != 32) {
            throw new InvalidKeyException("an AES-256 key is 32 bytes, not " + key.length);
        }
        try {
            cipher.init(mode, new SecretKeySpec(key, "AES"), ZERO_IV);
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException(e);
        }
        this.cipher = cipher;
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
        try {
            return cipher.update(in, off, len, out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        }
    }

    @Override
    public int finish(byte[] out, int outOff) throws BadPaddingException {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        finished = true;
        try {
            return cipher.doFinal(out, outOff);
        } catch (IllegalBlockSizeException e) {
            throw new BadPaddingException("ciphertext is not a whole number of AES blocks");
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        }
    }
}
