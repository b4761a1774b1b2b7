package dropvault.admin;

/** {@code bin/dropvault-admin}: exits with the status {@link AdminCli} returns. */
public final class AdminMain {
    private AdminMain() {
    }

    public static void main(String[] args) {
        System.exit(AdminCli.run(args));
    }
}
