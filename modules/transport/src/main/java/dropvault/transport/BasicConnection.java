package dropvault.transport;

import java.net.InetSocketAddress;
import java.net.Socket;

/** A connection's socket, peer and marks; {@link TcpServer} hears of each mark through the hooks. */
class BasicConnection implements Connection {
    private volatile Socket socket;
    /** The socket's peer, or the PROXY header's once read. */
    volatile InetSocketAddress peer;
    private volatile boolean keyed;

    BasicConnection(Socket socket, InetSocketAddress peer) {
        this.socket = socket;
        this.peer = peer;
    }

    @Override
    public Socket socket() {
        return socket;
    }

    /** From now on the handler reads and writes through {@code layer} (TLS over the accepted socket). */
    void layered(Socket layer) {
        socket = layer;
    }

    @Override
    public InetSocketAddress peer() {
        return peer;
    }

    @Override
    public void markKeyed() {
        if (!keyed) {
            keyed = true;
            keyedNow();
        }
    }

    @Override
    public boolean keyed() {
        return keyed;
    }

    @Override
    public void active() {
        if (!keyed) {
            activeNow();
        }
    }

    /** Marked keyed, once. */
    void keyedNow() {
    }

    /** Active while not keyed. */
    void activeNow() {
    }
}
