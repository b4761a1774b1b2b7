package dropvault.protocol;

/** A header that declares more payload than its code allows; nothing was read or allocated for it. */
public class FrameTooLargeException extends ProtocolException {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final long declared;
    private final long limit;

    public FrameTooLargeException(int code, long declared, long limit) {
        super("code " + code + " declares " + declared + " payload bytes; at most " + limit + " allowed");
        this.code = code;
        this.declared = declared;
        this.limit = limit;
    }

    public int code() {
        return code;
    }

    public long declared() {
        return declared;
    }

    public long limit() {
        return limit;
    }
}
