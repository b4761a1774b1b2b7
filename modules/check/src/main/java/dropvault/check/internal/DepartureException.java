package dropvault.check.internal;

import java.io.IOException;

/** The peer did something PROTOCOL.md does not allow; the message is the check's evidence. */
final class DepartureException extends IOException {
    private static final long serialVersionUID = 1L;

    DepartureException(String message) {
        super(message);
    }
}
