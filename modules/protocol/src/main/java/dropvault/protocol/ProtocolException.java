package dropvault.protocol;

import java.io.IOException;

/** A frame that breaks the protocol. Every decoder failure other than I/O is one of these. */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
