package dropvault.client.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in front of a server that passes the server's first {@code cutAfter} bytes to
 * each connection, then cuts both sides: a connection broken at a chosen point of the answer.
 */
final class CuttingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final int serverPort;
    private final AtomicLong cutAfter = new AtomicLong(Long.MAX_VALUE);

    CuttingRelay(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("cutting-relay").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections from now on get {@code bytes} of the server's answers, then are cut. */
    void cutAfter(long bytes) {
        cutAfter.set(bytes);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                long limit = cutAfter.get();
                Thread.ofVirtual().start(() -> pump(client, server, Long.MAX_VALUE));
                Thread.ofVirtual().start(() -> pump(server, client, limit));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, long limit) {
        byte[] buffer = new byte[8192];
        long passed = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; passed < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - passed))) > 0; ) {
                out.write(buffer, 0, n);
                passed += n;
            }
        } catch (IOException e) {
            // the other side went away: both are closed below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
