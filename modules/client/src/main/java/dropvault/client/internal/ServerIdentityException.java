package dropvault.client.internal;

import java.io.IOException;

/** Over TLS, the server's certificate is not the one expected: the connection ended before any protocol byte. */
final class ServerIdentityException extends IOException {
    private static final long serialVersionUID = 1L;

    ServerIdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
