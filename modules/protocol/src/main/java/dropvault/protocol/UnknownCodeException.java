package dropvault.protocol;

/** A header with a code nobody serves. */
public class UnknownCodeException extends ProtocolException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public UnknownCodeException(int code) {
        super("unknown code " + code);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
