package dropvault.launcher;

import dropvault.client.ClientCli;

/** {@code dropvault-client}. */
public final class ClientMain {
    private ClientMain() {
    }

    public static void main(String[] args) {
        System.exit(ClientCli.run(args));
    }
}
