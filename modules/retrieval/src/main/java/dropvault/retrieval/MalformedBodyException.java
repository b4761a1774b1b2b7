package dropvault.retrieval;

/** A sealed message opened, but what it holds is not the body its code carries. */
public final class MalformedBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedBodyException(String message) {
        super(message);
    }
}
