package dropvault.admin.internal;

/** A failure that ends the command with its exit status and a message for stderr. */
final class AdminException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ExitStatus status;

    AdminException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    AdminException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    ExitStatus status() {
        return status;
    }
}
