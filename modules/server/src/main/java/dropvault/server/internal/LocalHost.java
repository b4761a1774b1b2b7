package dropvault.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** This machine's name as temporary files carry it, and how old another machine's leftovers must be. */
public final class LocalHost {
    /** An upload writes at least once an idle timeout; one untouched for this long has no server any more. */
    private static final Duration MIN_STALE_AGE = Duration.ofHours(1);

    private LocalHost() {
    }

    /** The kernel's host name (no DNS look-up), reduced to letters, digits, dots and underscores. */
    public static String name() {
        String name;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | UnsupportedOperationException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "");
        }
        String safe = name.replaceAll("[^A-Za-z0-9._]", "_");
        return safe.isEmpty() ? "localhost" : safe;
    }

    public static Duration staleUploadAge(Duration idleTimeout) {
        Duration tenTimeouts = idleTimeout.multipliedBy(10);
        return tenTimeouts.compareTo(MIN_STALE_AGE) > 0 ? tenTimeouts : MIN_STALE_AGE;
    }
}
