package dropvault.transport;

import java.io.IOException;

/** A connection's PROXY protocol header is missing or malformed: the connection is closed. */
public final class ProxyHeaderException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProxyHeaderException(String message) {
        super(message);
    }
}
