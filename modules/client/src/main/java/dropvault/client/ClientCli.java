package dropvault.client;

import dropvault.client.internal.cli.CliApp;

/** {@code dropvault-client}: the command line. */
public final class ClientCli {
    private ClientCli() {
    }

    /** Runs the client with {@code args} in the process's working directory; returns the exit status. */
    public static int run(String[] args) {
        return CliApp.forProcess().run(args);
    }
}
