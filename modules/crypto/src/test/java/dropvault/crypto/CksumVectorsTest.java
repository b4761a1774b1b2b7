package dropvault.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dropvault.testvectors.Vectors;

/** cksum.json (values of GNU cksum), through every chunking, and against the text of PROTOCOL.md §4. */
class CksumVectorsTest {

    record Vector(String label, byte[] data, long cksum) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<Vector> vectors() {
        List<Vector> l = new ArrayList<>();
        for (Map<String, Object> m : Vectors.list("cksum.json", "vectors")) {
            int n = ((Long) m.get("length")).intValue();
            byte[] data = "pattern".equals(m.get("generator")) ? Vectors.pattern(n, 7) : Vectors.hex((String) m.get("hex"));
            if (m.get("hex") != null) {
                assertArrayEquals(Vectors.hex((String) m.get("hex")), data, "the pattern of " + m.get("label"));
            }
            assertEquals(n, data.length);
            l.add(new Vector((String) m.get("label"), data, (Long) m.get("cksum")));
        }
        return l;
    }

    @Test
    void everyVectorIsThere() {
        assertEquals(List.of(0, 1, 12, 1000, 65536, 1048577), vectors().stream().map(v -> v.data().length).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theWholeInputAtOnce(Vector v) {
        assertEquals(v.cksum(), Cksum.of(v.data()));
        assertEquals(v.cksum(), ReferenceCksum.of(v.data()), "the reference agrees with GNU cksum");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyChunking(Vector v) {
        for (int[] chunks : chunkings(v.data().length)) {
            assertEquals(v.cksum(), run(v.data(), chunks), () -> describe(chunks));
        }
    }

    private static List<int[]> chunkings(int n) {
        if (n <= 4096) {
            return Chunkings.of(n, 200, n);
        }
        List<int[]> l = new ArrayList<>();
        l.add(new int[] {n});
        l.add(Chunkings.ones(n));
        int cuts = n <= 65_536 ? 300 : 40;
        for (int cut = 0; cut <= cuts; cut++) {
            l.add(new int[] {cut, n - cut});
            l.add(new int[] {n - cut, cut});
            l.add(new int[] {n / 2 + cut - cuts / 2, n - (n / 2 + cut - cuts / 2)});
        }
        Random r = new Random(n);
        for (int i = 0; i < 30; i++) {
            l.add(Chunkings.randomChunks(n, r, 1 + r.nextInt(1 << (1 + r.nextInt(17)))));
        }
        return l;
    }

    @Test
    void randomInputsAgreeWithTheReference() {
        Random r = new Random(42);
        for (int i = 0; i < 400; i++) {
            byte[] data = new byte[r.nextInt(i < 300 ? 600 : 70_000)];
            r.nextBytes(data);
            long expected = ReferenceCksum.of(data);
            assertEquals(expected, Cksum.of(data), data.length + " bytes");
            int[] chunks = Chunkings.randomChunks(data.length, r, 1 + r.nextInt(20_000));
            assertEquals(expected, run(data, chunks), () -> describe(chunks));
        }
    }

    /** Direct buffers go through the scratch array: the same value, whatever the cuts and positions. */
    @Test
    void directAndHeapBuffersAgreeWithTheReference() {
        Random r = new Random(43);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[r.nextInt(i < 100 ? 600 : 70_000)];
            r.nextBytes(data);
            int[] chunks = Chunkings.randomChunks(data.length, r, 1 + r.nextInt(40_000));
            Cksum c = new Cksum();
            int at = 0;
            for (int len : chunks) {
                int position = r.nextInt(20);
                java.nio.ByteBuffer b = r.nextBoolean() ? java.nio.ByteBuffer.allocateDirect(position + len + 5)
                        : java.nio.ByteBuffer.allocate(position + len + 5);
                b.put(position, data, at, len).position(position).limit(position + len);
                c.update(b);
                assertEquals(position + len, b.position(), "the buffer is consumed");
                at += len;
            }
            assertEquals(ReferenceCksum.of(data), c.value(), () -> describe(chunks));
        }
    }

    /** Around the size where chunks leave the tables for CRC32, and around its 16 KiB blocks. */
    @Test
    void chunksAtThePathBoundaries() {
        byte[] data = Vectors.pattern(3 * 16_384 + 300, 5);
        int[] sizes = {7, 8, 9, 127, 128, 129, 136, 16_383, 16_384, 16_385, 32_768, 32_775};
        for (int a : sizes) {
            for (int b : sizes) {
                int n = Math.min(data.length, a + b);
                byte[] input = Arrays.copyOf(data, n);
                assertEquals(ReferenceCksum.of(input), run(input, new int[] {Math.min(a, n), n - Math.min(a, n)}),
                        a + " then " + b);
            }
        }
    }

    @Test
    void theValueMayBeTakenAtAnyPointAndFeedingGoesOn() {
        byte[] data = Vectors.pattern(70_000, 7);
        Cksum c = new Cksum();
        Random r = new Random(7);
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, r.nextInt(9000));
            c.update(data, off, n);
            off += n;
            assertEquals(off, c.length());
            assertEquals(ReferenceCksum.of(Arrays.copyOf(data, off)), c.value(), off + " bytes");
        }
    }

    @Test
    void sliceBoundsAreChecked() {
        Cksum c = new Cksum();
        byte[] b = new byte[10];
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> c.update(b, 5, 6));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> c.update(b, -1, 2));
        assertEquals(0, c.length());
    }

    static long run(byte[] data, int[] chunks) {
        Cksum c = new Cksum();
        int off = 0;
        for (int n : chunks) {
            c.update(data, off, n);
            off += n;
        }
        assertEquals(data.length, off);
        return c.value();
    }

    private static String describe(int[] chunks) {
        return chunks.length > 20 ? chunks.length + " chunks, first " + Arrays.toString(Arrays.copyOf(chunks, 20))
                : Arrays.toString(chunks);
    }

    /** PROTOCOL.md §4 read literally: bit by bit, MSB first, then the length LSB first, complemented. */
    static final class ReferenceCksum {
        private ReferenceCksum() {
        }

        static long of(byte[] data) {
            int crc = 0;
            for (byte b : data) {
                crc = feed(crc, b);
            }
            for (long n = data.length; n != 0; n >>>= 8) {
                crc = feed(crc, (byte) n);
            }
            return Integer.toUnsignedLong(~crc);
        }

        private static int feed(int crc, byte b) {
            crc ^= (b & 0xFF) << 24;
            for (int k = 0; k < 8; k++) {
                crc = crc < 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
            }
            return crc;
        }
    }
}
