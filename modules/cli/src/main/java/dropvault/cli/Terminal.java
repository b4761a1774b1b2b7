package dropvault.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr is a terminal, the only place a progress bar belongs. */
public final class Terminal {
    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    public static boolean stderrIsTerminal() {
        Console console = System.console();
        // since Java 22, System.console() is not null even when the streams are redirected
        if (console == null || !console.isTerminal()) {
            return false;
        }
        if (!Files.isSymbolicLink(STDERR_LINK)) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(STDERR_LINK).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
