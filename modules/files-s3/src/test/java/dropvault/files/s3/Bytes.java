package dropvault.files.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Test bytes made from their position, so that a large object is written and checked without holding it. */
final class Bytes {
    private Bytes() {
    }

    static byte at(long position) {
        return (byte) (position * 31 + (position >>> 13));
    }

    static byte[] range(long from, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = at(from + i);
        }
        return b;
    }

    /** Writes {@code size} bytes in uneven chunks, so writes straddle the part boundaries. */
    static void write(OutputStream out, long size) throws IOException {
        long position = 0;
        int chunk = 65_537;
        while (position < size) {
            int n = (int) Math.min(chunk, size - position);
            out.write(range(position, n));
            position += n;
        }
    }

    /** Reads the stream to its end and checks every byte against its position, from {@code from}. */
    static void assertContent(InputStream in, long from, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long position = from;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] != at(position + i)) {
                    assertEquals(at(position + i), buffer[i], "byte " + (position + i));
                }
            }
            position += n;
        }
        assertEquals(from + size, position, "bytes read");
    }
}
