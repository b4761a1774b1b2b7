package dropvault.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.BadPaddingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dropvault.testvectors.Vectors;

/** aes.json for every provider, through every chunking of the input. */
class AesVectorsTest {
    private static final byte[] KEY = Vectors.hex(Vectors.string("aes.json", "key_hex"));

    record Vector(int length, byte[] plain, byte[] cipher) {
        @Override
        public String toString() {
            return length + " bytes";
        }
    }

    static List<Vector> vectors() {
        return Vectors.list("aes.json", "vectors").stream().map(AesVectorsTest::vector).toList();
    }

    private static Vector vector(Map<String, Object> m) {
        return new Vector(((Long) m.get("plain_length")).intValue(), Vectors.hex((String) m.get("plain_hex")),
                Vectors.hex((String) m.get("cipher_hex")));
    }

    static Stream<Arguments> providersAndVectors() {
        return CryptoSuites.PROVIDERS.stream().flatMap(p -> vectors().stream().map(v -> Arguments.of(p, v)));
    }

    static Stream<String> providers() {
        return CryptoSuites.PROVIDERS.stream();
    }

    @Test
    void theVectorsAreWhatTheirDescriptionSays() {
        List<Vector> vectors = vectors();
        assertEquals(List.of(0, 1, 15, 16, 17, 1024, 5000), vectors.stream().map(Vector::length).toList());
        for (Vector v : vectors) {
            assertArrayEquals(Vectors.pattern(v.length(), 3), v.plain(), "pattern(n, seed=3)");
            assertEquals(16 * (v.length() / 16 + 1), v.cipher().length, "PKCS#7 always pads");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("providersAndVectors")
    void encryptsInEveryChunking(String provider, Vector v) throws GeneralSecurityException {
        CryptoSuite suite = CryptoSuites.forName(provider);
        for (int[] chunks : Chunkings.of(v.plain().length, 50, v.length())) {
            assertArrayEquals(v.cipher(), run(suite.encryptor(KEY), v.plain(), chunks), Arrays.toString(chunks));
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("providersAndVectors")
    void decryptsInEveryChunking(String provider, Vector v) throws GeneralSecurityException {
        CryptoSuite suite = CryptoSuites.forName(provider);
        for (int[] chunks : Chunkings.of(v.cipher().length, 50, v.length())) {
            assertArrayEquals(v.plain(), run(suite.decryptor(KEY), v.cipher(), chunks), Arrays.toString(chunks));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void slicesOfALargeArrayInAndOut(String provider) throws GeneralSecurityException {
        CryptoSuite suite = CryptoSuites.forName(provider);
        Vector v = vectors().getLast();
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i += 4096) {
            big[i] = (byte) i;
        }
        int at = (1 << 20) + 7;
        System.arraycopy(v.plain(), 0, big, at, v.plain().length);
        byte[] out = new byte[3 << 20];
        AesCbcStream e = suite.encryptor(KEY);
        int n = 0;
        for (int done = 0; done < v.plain().length; done += 1000) {
            int len = Math.min(1000, v.plain().length - done);
            n += e.update(big, at + done, len, out, 5 + n);
        }
        n += e.finish(out, 5 + n);
        assertArrayEquals(v.cipher(), Arrays.copyOfRange(out, 5, 5 + n));

        // more than the 64 KiB a Conscrypt stream copies through at a time
        byte[] largeInput = Arrays.copyOf(big, 200 * 1024 + 48);
        byte[] whole = run(suite.encryptor(KEY), largeInput, new int[] {largeInput.length});
        AesCbcStream d = suite.decryptor(KEY);
        byte[] plain = new byte[100 + d.updateOutputSize(whole.length)];
        int m = d.update(whole, 0, whole.length, plain, 100);
        m += d.finish(plain, 100 + m);
        assertArrayEquals(largeInput, Arrays.copyOfRange(plain, 100, 100 + m), "one call of more than the scratch size");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aWrongKeyIsBadPadding(String provider) throws GeneralSecurityException {
        byte[] wrong = KEY.clone();
        wrong[0] ^= 1;
        byte[] cipher = vectors().getLast().cipher();
        AesCbcStream d = CryptoSuites.forName(provider).decryptor(wrong);
        assertThrows(BadPaddingException.class, () -> run(d, cipher, new int[] {cipher.length}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void damagedPaddingIsBadPadding(String provider) throws GeneralSecurityException {
        byte[] cipher = vectors().get(3).cipher().clone();
        cipher[cipher.length - 17] ^= (byte) 0x80;
        AesCbcStream d = CryptoSuites.forName(provider).decryptor(KEY);
        assertThrows(BadPaddingException.class, () -> run(d, cipher, new int[] {cipher.length}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aCiphertextOfNoWholeBlocksIsBadPadding(String provider) throws GeneralSecurityException {
        CryptoSuite suite = CryptoSuites.forName(provider);
        byte[] cipher = vectors().get(3).cipher();
        for (int len : new int[] {0, 1, 15, 17, 31}) {
            AesCbcStream d = suite.decryptor(KEY);
            byte[] cut = Arrays.copyOf(cipher, len);
            assertThrows(BadPaddingException.class, () -> run(d, cut, new int[] {cut.length}), len + " bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void keysOtherThan32BytesAreInvalid(String provider) {
        CryptoSuite suite = CryptoSuites.forName(provider);
        assertThrows(InvalidKeyException.class, () -> suite.encryptor(new byte[16]));
        assertThrows(InvalidKeyException.class, () -> suite.decryptor(new byte[33]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aFinishedStreamTakesNoMore(String provider) throws GeneralSecurityException {
        AesCbcStream e = CryptoSuites.forName(provider).encryptor(KEY);
        e.finish();
        assertThrows(IllegalStateException.class, () -> e.update(new byte[16], 0, 16));
        assertThrows(IllegalStateException.class, e::finish);
    }

    /** Feeds {@code input} in the given chunks, writing at an offset into one output array. */
    static byte[] run(AesCbcStream s, byte[] input, int[] chunks) throws BadPaddingException {
        byte[] out = new byte[input.length + 3 + 32];
        int n = 3;
        int off = 0;
        for (int c : chunks) {
            n += s.update(input, off, c, out, n);
            off += c;
        }
        assertEquals(input.length, off, "the chunks cover the input");
        n += s.finish(out, n);
        return Arrays.copyOfRange(out, 3, n);
    }
}
