package dropvault.server.spi;

/**
 * A request the server will not serve: out of its turn, for another client, or breaking the
 * protocol. The server answers 1607 and closes the connection; the message goes to the log.
 */
public class RequestRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public RequestRefusedException(String message) {
        super(message);
    }

    public RequestRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
