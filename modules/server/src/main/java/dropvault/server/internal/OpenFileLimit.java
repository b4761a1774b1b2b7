package dropvault.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The process's limit on open files ({@code ulimit -n}, RLIMIT_NOFILE) as Linux shows it in
 * {@code /proc/self/limits}; the JVM has already raised it to the hard limit when it may.
 */
public final class OpenFileLimit {
    private static final Path LIMITS = Path.of("/proc/self/limits");
    private static final String ROW = "Max open files";

    private OpenFileLimit() {
    }

    /** The soft limit; empty when it is unlimited or this system does not say. */
    public static OptionalLong current() {
        try {
            return parse(Files.readAllLines(LIMITS));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The soft limit in the lines of a {@code /proc/PID/limits} file. */
    static OptionalLong parse(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith(ROW)) {
                String[] columns = line.substring(ROW.length()).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(columns[0]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
