package dropvault.storage.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process that writes a temporary upload, as the temporary's name carries it after the area's
 * prefix ({@code <host>~<pid>-...}). After a crash it tells what a server's start may remove: what a
 * gone process of its own host left, at once; another host's only once it is stale, since that
 * server may still be writing it.
 *
 * @param host this machine's name, reduced to letters, digits, dots and underscores
 * @param pid  the writing process
 */
public record UploadWriter(String host, long pid) {

    public static UploadWriter thisProcess() {
        return new UploadWriter(hostName(), ProcessHandle.current().pid());
    }

    /** The kernel's host name (no DNS look-up), reduced to letters, digits, dots and underscores. */
    public static String hostName() {
        String name;
        try {
            name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | UnsupportedOperationException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "");
        }
        String safe = name.replaceAll("[^A-Za-z0-9._]", "_");
        return safe.isEmpty() ? "localhost" : safe;
    }

    /** What a temporary name of this writer's begins with, after the area's prefix. */
    public String tag() {
        return host + "~" + pid + "-";
    }

    /**
     * Whether the temporary whose name after the area's prefix is {@code rest} is left behind, as seen
     * by this writer at its start: one of this host whose process is gone or is this one (which has
     * written nothing yet); one of another host when it is {@code stale}; one that names no writer
     * (an older server's) always.
     */
    public boolean leftBehind(String rest, boolean stale) {
        int tilde = rest.indexOf('~');
        int dash = tilde < 0 ? -1 : rest.indexOf('-', tilde);
        if (tilde < 0 || dash < 0) {
            return true;
        }
        long writerPid;
        try {
            writerPid = Long.parseLong(rest.substring(tilde + 1, dash));
        } catch (NumberFormatException e) {
            return true;
        }
        if (rest.substring(0, tilde).equals(host)) {
            return writerPid == pid || ProcessHandle.of(writerPid).filter(ProcessHandle::isAlive).isEmpty();
        }
        return stale;
    }
}
