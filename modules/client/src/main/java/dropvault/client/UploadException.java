package dropvault.client;

/**
 * An upload that did not end in a confirmed file, or a list, download or restore that failed;
 * {@link #failure()} says what kind of failure.
 */
public class UploadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The classes of failure; each has its own exit status on the command line. */
    public enum Failure {
        /** A local file (transfer.info, me.info, priv.key, the file to send) cannot be read or written. */
        LOCAL_FILE,
        /** The server cannot be reached, or the connection broke and could not be rebuilt. */
        CONNECTION,
        /** The server refused, kept answering with errors, or broke the protocol. */
        SERVER,
        /** The server's cksum did not match four times; the client sent 902. */
        CRC_MISMATCH,
        /**
         * Over TLS, the server's certificate is not the one expected (another fingerprint than the
         * recorded or pinned one, expired, or not verified by the authorities): nothing was sent.
         */
        IDENTITY,
        /** The server does not serve the retrieval extension: it refused, closed or stayed silent at 840-842. */
        NO_RETRIEVAL,
        /** The server has no such file or version, or cannot read its bytes (1644). */
        NOT_AVAILABLE,
        /** A download did not add up to its size or cksum: nothing was written under the target name. */
        DAMAGED
    }

    private final Failure failure;

    public UploadException(Failure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public UploadException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
