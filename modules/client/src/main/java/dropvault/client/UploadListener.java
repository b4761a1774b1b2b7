package dropvault.client;

/** What an upload (or a download) reports while it runs. Every method does nothing unless overridden. */
public interface UploadListener {

    /** A step done, such as "registered as ..." or "file confirmed". */
    default void info(String message) {
    }

    /**
     * The server answered with 1607, an unexpected code or a malformed frame, or closed the
     * connection; the request is repeated unless this was the last of its three attempts.
     */
    default void serverError(String detail) {
    }

    /**
     * With {@code --dialect auto}: the dialect the server took the file in, or why it did not take it
     * in one ({@code message} says which, and which one is tried next). The console prints it on stderr.
     */
    default void dialect(String message) {
        info(message);
    }

    /** A transfer of the file begins: {@code attempt} counts from 1, {@code contentSize} is the ciphertext. */
    default void transferStarted(int attempt, long contentSize) {
    }

    /** Ciphertext bytes sent so far in the current transfer. */
    default void progress(long sentBytes, long contentSize) {
    }

    /** A download begins: {@code size} plaintext bytes will come; {@link #progress} then counts them. */
    default void receiving(long size) {
    }

    /** The current transfer's packets are all sent (or a download's bytes all received). */
    default void transferFinished() {
    }

    UploadListener NONE = new UploadListener() {
    };
}
