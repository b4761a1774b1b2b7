package dropvault.bench.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/** Connections that are opened before the run, say nothing, and are checked at the end. */
final class IdleConnections implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();
    private int refused;
    private String firstRefusal = "";

    static IdleConnections open(String host, int port, int count, int connectTimeoutMillis) {
        IdleConnections idle = new IdleConnections();
        InetSocketAddress address = new InetSocketAddress(host, port);
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            try {
                s.connect(address, connectTimeoutMillis);
                idle.sockets.add(s);
            } catch (IOException e) {
                if (idle.refused++ == 0) {
                    idle.firstRefusal = e.toString();
                }
                closeQuietly(s);
            }
        }
        return idle;
    }

    int opened() {
        return sockets.size();
    }

    int refused() {
        return refused;
    }

    /** Why the first connection that could not be opened failed; empty when all opened. */
    String firstRefusal() {
        return firstRefusal;
    }

    /** How many are still open: a read that times out means the server has not closed it. */
    int stillOpen() {
        int open = 0;
        for (Socket s : sockets) {
            try {
                s.setSoTimeout(1);
                if (s.getInputStream().read() >= 0) {
                    open++;
                }
            } catch (SocketTimeoutException e) {
                open++;
            } catch (IOException e) {
                // reset by the server: closed
            }
        }
        return open;
    }

    @Override
    public void close() {
        sockets.forEach(IdleConnections::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
