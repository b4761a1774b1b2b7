package dropvault.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Serves one accepted connection, on its own virtual thread, until it returns; the socket is
 * closed afterwards. A read that waits longer than the read timeout throws
 * {@link java.net.SocketTimeoutException}.
 */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(Socket socket) throws IOException;

    /**
     * What {@link TcpServer} calls: {@code peer} is the client's address, the socket's remote
     * address or, with the PROXY protocol on, the one its header gave (the socket's stream is then
     * positioned after the header). Logs, penalties and limits take the peer from here.
     */
    default void handle(Socket socket, InetSocketAddress peer) throws IOException {
        handle(socket);
    }

    /** What {@link TcpServer} calls: the socket and peer, and the marks the handler may set on the connection. */
    default void handle(Connection connection) throws IOException {
        handle(connection.socket(), connection.peer());
    }
}
