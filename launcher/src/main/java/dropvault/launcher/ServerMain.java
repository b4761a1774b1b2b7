package dropvault.launcher;

/** {@code dropvault-server} (issue 4). */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) {
        System.err.println("dropvault-server: not built yet");
        System.exit(1);
    }
}
