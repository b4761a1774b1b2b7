package dropvault.protocol;

import java.io.IOException;
import java.io.InputStream;

/** Exact-length reads: TCP may deliver any split. */
final class FrameIo {
    private FrameIo() {
    }

    /** Reads exactly {@code len} bytes, or returns how many were read before the stream ended. */
    static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, off + n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    static void readExactly(InputStream in, byte[] b, int len, String what) throws IOException {
        int n = readFully(in, b, 0, len);
        if (n < len) {
            throw new TruncatedFrameException("stream ended after " + n + " of " + len + " bytes of " + what);
        }
    }

    /** Reads exactly {@code len} bytes of the payload of {@code code}; the message is built only on failure. */
    static void readExactly(InputStream in, byte[] b, int len, int code) throws IOException {
        int n = readFully(in, b, 0, len);
        if (n < len) {
            throw truncated(n, len, code);
        }
    }

    static TruncatedFrameException truncated(int read, int len, int code) {
        return new TruncatedFrameException("stream ended after " + read + " of " + len + " bytes of the payload of "
                + code);
    }
}
