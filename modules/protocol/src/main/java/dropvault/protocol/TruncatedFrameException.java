package dropvault.protocol;

/** The stream ended inside a frame. */
public class TruncatedFrameException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public TruncatedFrameException(String message) {
        super(message);
    }
}
