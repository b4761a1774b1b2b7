package dropvault.server;

/** The server cannot start: a configuration, plugin or store problem, said in the message. */
public class ServerStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
