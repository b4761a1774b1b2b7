package dropvault.client;

/** {@code dropvault-client}: the command line (issue 5). */
public final class ClientCli {
    private ClientCli() {
    }

    /** Runs the client with {@code args}; returns the exit status. */
    public static int run(String[] args) {
        System.err.println("dropvault-client: not built yet");
        return 1;
    }
}
