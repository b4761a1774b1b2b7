package dropvault.server.internal;

/** Two handlers claim one request code: the server does not start. */
public final class DuplicateHandlerException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public DuplicateHandlerException(int code, String first, String second) {
        super("request code " + code + " is claimed by two handlers: " + first + " and " + second
                + "; remove one of the plugins");
    }
}
