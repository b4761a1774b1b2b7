package dropvault.client.internal;

/** A local file failed while a request was being sent: not the server's fault, so never retried. */
final class LocalFileException extends Exception {
    private static final long serialVersionUID = 1L;

    LocalFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
