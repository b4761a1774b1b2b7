package dropvault.protocol;

import java.io.IOException;
import java.io.InputStream;

/**
 * Delivers its bytes the way TCP may: never past the next cut in one read. After the data it
 * reports end of stream, or, when {@code failAtEnd}, throws: a decoder must never read past what
 * it was told a frame holds.
 */
final class ChunkedInputStream extends InputStream {
    private final byte[] data;
    private final int[] cuts;
    private final boolean failAtEnd;
    private int pos;
    private int nextCut;

    ChunkedInputStream(byte[] data, int[] cuts, boolean failAtEnd) {
        this.data = data;
        this.cuts = cuts;
        this.failAtEnd = failAtEnd;
    }

    static ChunkedInputStream splitAt(byte[] data, int offset) {
        return new ChunkedInputStream(data, new int[] {offset}, false);
    }

    static ChunkedInputStream byteByByte(byte[] data) {
        int[] cuts = new int[data.length];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return new ChunkedInputStream(data, cuts, false);
    }

    int position() {
        return pos;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos >= data.length) {
            if (failAtEnd) {
                throw new AssertionError("the decoder read past the " + data.length + " bytes it was given");
            }
            return -1;
        }
        while (nextCut < cuts.length && cuts[nextCut] <= pos) {
            nextCut++;
        }
        int limit = nextCut < cuts.length ? cuts[nextCut] : data.length;
        int n = Math.min(len, limit - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
