package dropvault.transport;

import java.io.IOException;
import java.net.Socket;

/**
 * Serves one accepted connection, on its own virtual thread, until it returns; the socket is
 * closed afterwards. A read that waits longer than the read timeout throws
 * {@link java.net.SocketTimeoutException}.
 */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(Socket socket) throws IOException;
}
