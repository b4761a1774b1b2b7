package dropvault.server.spi;

/**
 * A request refused for a limit of the server (uploads at once, the disk reserve, a quota), not for
 * anything the peer did wrong: answered 1607 like any refusal, but no {@link Misconduct}.
 */
public class ServerLimitException extends RequestRefusedException {
    private static final long serialVersionUID = 1L;

    public ServerLimitException(String message) {
        super(message);
    }
}
