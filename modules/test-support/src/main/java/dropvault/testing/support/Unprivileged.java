package dropvault.testing.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * Servers that refuse root (PostgreSQL) or should not have it (S3Proxy) run as {@code nobody} when
 * the tests run as root, as CI does: through {@code runuser}, in folders handed to that user.
 */
public final class Unprivileged {
    public static final String USER = "nobody";

    private Unprivileged() {
    }

    /** Whether this JVM runs as root. */
    public static boolean root() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    /** {@code command} as {@code nobody} when {@code asRoot}, else as it is. */
    public static List<String> command(boolean asRoot, List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        return full;
    }

    /** Makes {@code nobody} the owner of {@code path} when {@code asRoot}. */
    public static void own(boolean asRoot, Path path) throws IOException {
        if (asRoot) {
            UserPrincipal nobody = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
            Files.setOwner(path, nobody);
        }
    }
}
