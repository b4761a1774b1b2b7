package dropvault.retrieval;

/**
 * A sealed message that does not open: sealed under another key, for another code or client, out of
 * its order on the connection, cut short or changed on the way.
 */
public final class UnsealException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsealException(String message) {
        super(message);
    }
}
