package dropvault.protocol;

/** A frame whose fields do not make sense: a wrong fixed size, a field out of range. */
public class MalformedFrameException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }
}
