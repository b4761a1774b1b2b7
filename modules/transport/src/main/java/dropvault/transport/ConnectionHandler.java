package dropvault.transport;

import java.io.IOException;
import java.net.Socket;

/** Serves one accepted connection, on its own virtual thread, until it returns. */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(Socket socket) throws IOException;
}
