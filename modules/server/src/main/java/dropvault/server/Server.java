package dropvault.server;

/** The dropvault server (issue 4). */
public final class Server {
    private Server() {
    }
}
