package dropvault.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dropvault.crypto.Cksum;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CiphertextChunksTest {
    private final CryptoSuite crypto = CryptoSuites.jdk();
    private final byte[] key = new byte[32];

    /** A stream that hands out at most {@code step} bytes a read, as files and sockets may. */
    private static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    @ParameterizedTest
    @CsvSource({"0,1024,7", "1,16,1", "15,16,3", "16,16,16", "2500,1024,100", "70000,1040,65536", "200000,8192,777"})
    void chunksConcatenateToTheOneShotCiphertextAndTheCksumIsThePlaintexts(int size, int chunk, int step)
            throws Exception {
        byte[] plain = new byte[size];
        new Random(size).nextBytes(plain);
        var one = crypto.encryptor(key);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(one.update(plain, 0, plain.length));
        whole.writeBytes(one.finish());

        PacketPlan plan = PacketPlan.of(size, chunk);
        CiphertextChunks chunks = new CiphertextChunks(Channels.newChannel(trickle(plain, step)), crypto.encryptor(key), plan, false);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[plan.chunkSize()];
        for (int i = 0; i < plan.packets(); i++) {
            int n = chunks.next(buf);
            assertEquals(plan.dataLength(i), n, "packet " + i);
            got.write(buf, 0, n);
        }
        assertEquals(0, chunks.next(buf));
        assertArrayEquals(whole.toByteArray(), got.toByteArray());
        assertEquals(plan.contentSize(), got.size());
        assertEquals(Cksum.of(plain), chunks.cksum());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(plain);
        assertEquals(crc.getValue(), chunks.crc32());
    }

    /**
     * Into a frame's buffer (room past the chunk: the cipher writes straight in) and into a bare one
     * (through the staging buffer), heap or direct (the file read into direct buffers too), with the
     * JDK's cipher, with Bouncy Castle's, which holds a block back and releases it with the next
     * update, and with OpenSSL's, which works on native memory in place.
     */
    @ParameterizedTest
    @CsvSource({"jdk,0,1024,true,false", "jdk,70000,1040,true,false", "jdk,70000,1040,false,false",
            "bouncycastle,0,1024,true,false", "bouncycastle,15,16,true,false", "bouncycastle,16,16,false,false",
            "bouncycastle,2500,1024,true,false", "bouncycastle,70000,1040,true,false", "bouncycastle,70000,1040,false,false",
            "bouncycastle,40000,16384,true,false", "bouncycastle,32768,16384,true,false", "jdk,32768,16384,true,false",
            "jdk,70000,1040,true,true", "bouncycastle,70000,1040,false,true", "bouncycastle,40000,16384,true,true",
            "openssl,0,1024,true,true", "openssl,15,16,true,true", "openssl,16,16,false,true", "openssl,2500,1024,true,true",
            "openssl,70000,1040,true,true", "openssl,70000,1040,false,true", "openssl,32768,16384,true,true",
            "openssl,32752,16384,true,true", "openssl,32770,16384,false,true", "openssl,70000,1040,true,false"})
    void everyProviderFillsChunksWithOrWithoutRoomPastThem(String provider, int size, int chunk, boolean room,
                                                           boolean direct) throws Exception {
        CryptoSuite suite = CryptoSuites.forName(provider);
        byte[] plain = new byte[size];
        new Random(size + chunk).nextBytes(plain);
        var one = CryptoSuites.jdk().encryptor(key);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(one.update(plain, 0, plain.length));
        whole.writeBytes(one.finish());

        PacketPlan plan = PacketPlan.of(size, chunk);
        CiphertextChunks chunks = new CiphertextChunks(Channels.newChannel(trickle(plain, 5000)), suite.encryptor(key),
                plan, direct);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int offset = 57;
        int capacity = offset + plan.chunkSize() + (room ? CiphertextChunks.SLACK : 0);
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        for (int i = 0; i < plan.packets(); i++) {
            int n = chunks.next(buf, offset);
            assertEquals(plan.dataLength(i), n, "packet " + i);
            byte[] data = new byte[n];
            buf.get(offset, data);
            got.writeBytes(data);
            assertEquals(0, buf.position(), "the position is left alone");
        }
        assertEquals(0, chunks.next(buf, offset));
        assertArrayEquals(whole.toByteArray(), got.toByteArray());
        assertEquals(Cksum.of(plain), chunks.cksum());
    }

    @Test
    void aFileThatShrinksIsALocalFailure() throws Exception {
        PacketPlan plan = PacketPlan.of(5000, 1024);
        CiphertextChunks chunks = new CiphertextChunks(Channels.newChannel(new ByteArrayInputStream(new byte[3000])), crypto.encryptor(key), plan,
                false);
        byte[] buf = new byte[1024];
        assertThrows(LocalFileException.class, () -> {
            for (int i = 0; i < plan.packets(); i++) {
                chunks.next(buf);
            }
        });
    }

    @Test
    void aFileThatGrowsIsSentAsItWasWhenItsSizeWasTaken() throws Exception {
        byte[] plain = new byte[3000];
        new Random(3).nextBytes(plain);
        PacketPlan plan = PacketPlan.of(2000, 1024);
        CiphertextChunks chunks = new CiphertextChunks(Channels.newChannel(new ByteArrayInputStream(plain)), crypto.encryptor(key), plan, false);
        byte[] buf = new byte[1024];
        int total = 0;
        for (int i = 0; i < plan.packets(); i++) {
            total += chunks.next(buf);
        }
        assertEquals(plan.contentSize(), total);
        assertEquals(Cksum.of(Arrays.copyOf(plain, 2000)), chunks.cksum());
    }
}
