package dropvault.client.internal;

import java.io.IOException;

/** The server closed the connection where an answer was due. */
final class ConnectionClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    ConnectionClosedException(String message) {
        super(message);
    }
}
