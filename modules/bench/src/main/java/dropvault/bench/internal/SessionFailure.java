package dropvault.bench.internal;

/**
 * A session that did not end in 1604. The kind groups failures in the report ("825 answered 1607");
 * the message tells one instance in full.
 */
final class SessionFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String kind;

    SessionFailure(String kind, String detail) {
        super(kind + (detail.isEmpty() ? "" : ": " + detail));
        this.kind = kind;
    }

    SessionFailure(String kind, String detail, Throwable cause) {
        super(kind + (detail.isEmpty() ? "" : ": " + detail), cause);
        this.kind = kind;
    }

    String kind() {
        return kind;
    }
}
