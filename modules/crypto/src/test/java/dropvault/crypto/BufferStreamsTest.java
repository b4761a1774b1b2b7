package dropvault.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.security.GeneralSecurityException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The buffer methods of every provider's streams, on heap and direct buffers at any position: the
 * JDK's bytes for any stream cut any way, both positions moved by what was read and written, and
 * nothing written past a buffer's limit.
 */
class BufferStreamsTest {
    private static final CryptoSuite JDK = CryptoSuites.jdk();

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "bouncycastle", "conscrypt", "openssl"})
    void randomStreamsInBuffersGiveTheJdksBytesBothWays(String provider) throws GeneralSecurityException {
        CryptoSuite suite = CryptoSuites.forName(provider);
        Random random = new Random(provider.hashCode());
        for (int i = 0; i < 60; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            byte[] plain = new byte[random.nextInt(i % 10 == 0 ? 200_000 : 5000)];
            random.nextBytes(plain);
            byte[] expected = encrypted(key, plain);
            assertArrayEquals(expected, whole(suite.encryptor(key), plain, random), provider + ", " + plain.length + " bytes");
            assertArrayEquals(plain, whole(suite.decryptor(key), expected, random), provider + ", " + plain.length + " bytes back");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void anOutputTooSmallIsRefusedAndNothingMoves(String provider) throws GeneralSecurityException {
        AesCbcStream e = CryptoSuites.forName(provider).encryptor(new byte[32]);
        ByteBuffer in = ByteBuffer.allocateDirect(64);
        ByteBuffer backing = ByteBuffer.allocateDirect(64);
        for (int i = 0; i < 64; i++) {
            backing.put(i, (byte) 0x5a);
        }
        ByteBuffer out = backing.duplicate().limit(31);
        in.limit(32);
        assertThrows(IllegalArgumentException.class, () -> e.update(in, out), "32 bytes do not fit in 31");
        assertEquals(0, in.position());
        assertEquals(0, out.position());
        for (int i = 0; i < 64; i++) {
            assertEquals((byte) 0x5a, backing.get(i), "nothing written at " + i);
        }
        assertThrows(RuntimeException.class, () -> e.update(in, ByteBuffer.allocateDirect(64).asReadOnlyBuffer()));
        out.limit(64);
        assertEquals(32, e.update(in, out));
        assertEquals(32, in.position());
        assertEquals(32, out.position());
        assertThrows(IllegalArgumentException.class, () -> e.finish(ByteBuffer.allocateDirect(15)), "the padding block needs 16");
    }

    @ParameterizedTest
    @ValueSource(strings = {"openssl"})
    void aReadOnlyOutputIsRefused(String provider) throws GeneralSecurityException {
        AesCbcStream e = CryptoSuites.forName(provider).encryptor(new byte[32]);
        assertThrows(ReadOnlyBufferException.class,
                () -> e.update(ByteBuffer.allocateDirect(16), ByteBuffer.allocateDirect(64).asReadOnlyBuffer()));
        assertThrows(ReadOnlyBufferException.class, () -> e.finish(ByteBuffer.allocate(64).asReadOnlyBuffer()));
    }

    private static byte[] encrypted(byte[] key, byte[] plain) throws GeneralSecurityException {
        AesCbcStream s = JDK.encryptor(key);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(s.update(plain, 0, plain.length));
        all.writeBytes(s.finish());
        return all.toByteArray();
    }

    /** A stream fed in random cuts from buffers of either kind, into buffers of either kind at random positions. */
    private static byte[] whole(AesCbcStream s, byte[] in, Random random) throws GeneralSecurityException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int at = 0; at < in.length; ) {
            int len = Math.min(in.length - at, random.nextInt(random.nextBoolean() ? 40 : 70_000) + 1);
            int position = random.nextInt(33);
            ByteBuffer from = buffer(random, position + len + 7).position(position).limit(position + len);
            from.put(position, in, at, len);
            int room = s.updateOutputSize(len);
            int outAt = random.nextInt(33);
            ByteBuffer to = buffer(random, outAt + room + 9).position(outAt).limit(outAt + room);
            int n = s.update(from, to);
            assertEquals(position + len, from.position(), "the input is consumed");
            assertEquals(outAt + n, to.position(), "the output moved by what was written");
            byte[] produced = new byte[n];
            to.get(outAt, produced);
            got.writeBytes(produced);
            at += len;
        }
        int outAt = random.nextInt(20);
        ByteBuffer last = buffer(random, outAt + 32).position(outAt);
        int n = s.finish(last);
        assertEquals(outAt + n, last.position());
        byte[] produced = new byte[n];
        last.get(outAt, produced);
        got.writeBytes(produced);
        return got.toByteArray();
    }

    private static ByteBuffer buffer(Random random, int capacity) {
        return random.nextBoolean() ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }
}
