package dropvault.check.internal;

import java.io.IOException;

/** A step of a check that did not finish within {@code --timeout}. */
final class StepTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    StepTimeoutException(String message) {
        super("timeout: " + message);
    }
}
