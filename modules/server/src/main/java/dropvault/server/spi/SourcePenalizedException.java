package dropvault.server.spi;

/**
 * A request not served because its source owes a penalty: the connection is closed with no answer,
 * as a new connection from that source would be at accept (docs/SECURITY.md).
 */
public final class SourcePenalizedException extends ServerLimitException {
    private static final long serialVersionUID = 1L;

    public SourcePenalizedException(String message) {
        super(message);
    }
}
