package dropvault.admin.internal;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** One line on stderr, redrawn in place at most ten times a second: files and MiB done, MiB/s. */
final class ProgressBar {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final long totalBytes;
    private final int totalFiles;
    private final long startNanos;
    private long lastDrawNanos;
    private boolean drawn;

    ProgressBar(PrintStream err, LongSupplier nanoTime, int totalFiles, long totalBytes) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.startNanos = nanoTime.getAsLong();
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
    }

    void update(int files, long bytes) {
        long now = nanoTime.getAsLong();
        if (files < totalFiles && now - lastDrawNanos < REDRAW_NANOS) {
            return;
        }
        lastDrawNanos = now;
        err.print("\r" + line(files, bytes, now - startNanos));
        err.flush();
        drawn = true;
    }

    /** Ends the line, so that what is printed next starts on its own. */
    void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }

    String line(int files, long bytes, long elapsedNanos) {
        double fraction = totalBytes == 0 ? (totalFiles == 0 ? 1 : (double) files / totalFiles)
                : (double) bytes / totalBytes;
        int filled = (int) Math.round(Math.min(1, fraction) * WIDTH);
        double seconds = elapsedNanos / 1e9;
        double speed = seconds > 0 ? bytes / MIB / seconds : 0;
        return String.format(Locale.ROOT, "[%s%s] %d/%d files  %.1f / %.1f MiB  %.1f MiB/s",
                "#".repeat(filled), " ".repeat(WIDTH - filled), files, totalFiles, bytes / MIB, totalBytes / MIB, speed);
    }
}
