package dropvault.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The OpenSSL suite writes into the caller's arrays from native code: it must give the JDK's bytes
 * for any stream cut any way, and never write past what it was allowed.
 */
class OpenSslStreamTest {
    private static final CryptoSuite OPENSSL = CryptoSuites.forName("openssl");
    private static final CryptoSuite JDK = CryptoSuites.jdk();

    @RepeatedTest(200)
    void randomStreamsCutAtRandomGiveTheJdksBytesBothWays(RepetitionInfo r) throws GeneralSecurityException {
        Random random = new Random(r.getCurrentRepetition());
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] plain = new byte[random.nextInt(r.getCurrentRepetition() % 10 == 0 ? 300_000 : 5000)];
        random.nextBytes(plain);
        byte[] expected = whole(JDK.encryptor(key), plain, random);
        assertArrayEquals(expected, whole(OPENSSL.encryptor(key), plain, random));
        assertArrayEquals(plain, whole(OPENSSL.decryptor(key), expected, random));
    }

    @Test
    void decryptsInPlaceAndIntoAnOverlappingSlice() throws GeneralSecurityException {
        byte[] key = new byte[32];
        byte[] plain = new byte[1000];
        new Random(7).nextBytes(plain);
        byte[] cipher = whole(JDK.encryptor(key), plain, new Random(1));
        for (int shift : new int[] {0, 16, 5}) {
            byte[] buffer = new byte[cipher.length + 64];
            System.arraycopy(cipher, 0, buffer, shift, cipher.length);
            AesCbcStream d = OPENSSL.decryptor(key);
            int n = 0;
            for (int at = 0; at < cipher.length; at += 96) {
                int len = Math.min(96, cipher.length - at);
                n += d.update(buffer, shift + at, len, buffer, n);
            }
            n += d.finish(buffer, n);
            assertArrayEquals(plain, Arrays.copyOf(buffer, n), "ciphertext at " + shift + ", plaintext at 0");
        }
    }

    @Test
    void anOutputTooSmallForWhatMayComeOutIsRefusedBeforeAnythingIsWritten() throws GeneralSecurityException {
        AesCbcStream e = OPENSSL.encryptor(new byte[32]);
        byte[] in = new byte[100];
        e.update(in, 0, 10, new byte[0], 0);
        assertEquals(16, e.updateOutputSize(6), "10 held and 6 more make a block");
        byte[] out = new byte[16 + 8];
        Arrays.fill(out, (byte) 0x5a);
        assertThrows(IllegalArgumentException.class, () -> e.update(in, 0, 6, out, 9), "16 bytes do not fit in 15");
        assertTrue(allEqual(out, (byte) 0x5a), "nothing written");
        assertEquals(16, e.update(in, 0, 6, out, 8));
        assertThrows(IllegalArgumentException.class, () -> e.finish(new byte[20], 5), "the padding block needs 16");
        assertThrows(IndexOutOfBoundsException.class, () -> e.update(in, 90, 11, out, 0), "input slice out of bounds");
    }

    @Test
    void aLengthNearTheIntLimitIsRefusedNotWrapped() throws GeneralSecurityException {
        AesCbcStream e = OPENSSL.encryptor(new byte[32]);
        e.update(new byte[15], 0, 15, new byte[0], 0);
        // 15 held + Integer.MAX_VALUE wraps an int to a negative bound, which any output would pass
        assertThrows(ArithmeticException.class, () -> e.updateOutputSize(Integer.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE - 15, e.updateOutputSize(Integer.MAX_VALUE - 15));
    }

    @Test
    void aFinishedStreamRefusesMore() throws GeneralSecurityException {
        AesCbcStream e = OPENSSL.encryptor(new byte[32]);
        assertEquals(16, e.finish().length, "the empty stream pads to a block");
        assertThrows(IllegalStateException.class, () -> e.update(new byte[16], 0, 16, new byte[32], 0));
        assertThrows(IllegalStateException.class, e::finish);
    }

    /** A stream fed in random cuts, into outputs at random offsets. */
    private static byte[] whole(AesCbcStream s, byte[] in, Random random) throws GeneralSecurityException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int at = 0; at < in.length; ) {
            int len = Math.min(in.length - at, random.nextInt(random.nextBoolean() ? 40 : 70_000) + 1);
            int offset = random.nextInt(33);
            byte[] out = new byte[offset + s.updateOutputSize(len)];
            int n = s.update(in, at, len, out, offset);
            got.write(out, offset, n);
            at += len;
        }
        byte[] last = new byte[20 + 32];
        int n = s.finish(last, 20);
        got.write(last, 20, n);
        return got.toByteArray();
    }

    private static boolean allEqual(byte[] b, byte v) {
        for (byte x : b) {
            if (x != v) {
                return false;
            }
        }
        return true;
    }
}
