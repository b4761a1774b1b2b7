package dropvault.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Puts a layer (TLS) over each accepted socket, on the connection's own thread, after the PROXY
 * header (when on) and before the handler: the handler is served the socket it returns. A layer
 * that fails (a handshake gone wrong) throws, and the connection is closed with one throttled log line.
 */
@FunctionalInterface
public interface SocketLayer {
    /** No layer: the accepted socket itself. */
    SocketLayer NONE = (socket, peer) -> socket;

    /**
     * @param accepted the accepted socket, its read timeout set, positioned after any PROXY header
     * @param peer     the client's address (from the PROXY header when on)
     * @throws IOException with a message for the server's log, naming what went wrong
     */
    Socket over(Socket accepted, InetSocketAddress peer) throws IOException;
}
