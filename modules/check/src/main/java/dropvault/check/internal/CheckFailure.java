package dropvault.check.internal;

/** A check failed; the message is its one line of evidence. */
final class CheckFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CheckFailure(String evidence) {
        super(evidence);
    }

    /** Fails unless {@code r} has code {@code code} and {@code size} payload bytes. */
    static void expect(Reply r, int code, int size) throws CheckFailure {
        if (r.code() != code) {
            throw new CheckFailure("expected " + code + ", got " + r.describe());
        }
        if (r.declared() != size || r.payload().length != size) {
            throw new CheckFailure(code + " declares " + r.declared() + " payload bytes, not " + size);
        }
    }
}
