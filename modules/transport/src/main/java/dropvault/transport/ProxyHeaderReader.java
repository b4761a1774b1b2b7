package dropvault.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/** Reads a connection's PROXY header with one deadline for the whole header, then restores the read timeout. */
final class ProxyHeaderReader {
    private ProxyHeaderReader() {
    }

    static Optional<InetSocketAddress> read(Socket socket, ProxyProtocol mode, int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        InputStream raw = socket.getInputStream();
        InputStream bounded = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new SocketTimeoutException("no whole PROXY protocol header within " + timeoutMillis + " ms");
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                return raw.read(b, off, len);
            }
        };
        try {
            return ProxyHeader.read(bounded, mode);
        } finally {
            socket.setSoTimeout(timeoutMillis);
        }
    }
}
