package dropvault.admin;

import dropvault.admin.internal.Admin;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code dropvault-admin}: the command line. */
public final class AdminCli {
    private AdminCli() {
    }

    /** Runs with {@code args} in the process's working folder, on stdout and stderr; returns the exit status. */
    public static int run(String[] args) {
        return new Admin(System.out, System.err, dropvault.cli.Terminal.stderrIsTerminal(), Path.of("")).run(args);
    }

    /** Runs with {@code args}, printing to {@code out} and {@code err}, never drawing a progress bar (for tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Admin(out, err, false, Path.of("")).run(args);
    }
}
