package dropvault.check;

import dropvault.check.internal.CheckCli;

/** {@code dropvault-check}: exits 0 when every required check passed, 1 on a failed check, 2 on a usage error. */
public final class CheckMain {
    private CheckMain() {
    }

    public static void main(String[] args) {
        System.exit(CheckCli.run(args, System.out, System.err));
    }
}
