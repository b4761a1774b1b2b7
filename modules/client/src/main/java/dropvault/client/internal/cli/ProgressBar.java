package dropvault.client.internal.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** One line on stderr, redrawn in place: bytes sent, MiB/s and the time left. */
final class ProgressBar {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private long total;
    private long startNanos;
    private long lastDrawNanos;
    private boolean drawn;

    ProgressBar(PrintStream err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    void start(long totalBytes) {
        total = totalBytes;
        startNanos = nanoTime.getAsLong();
        lastDrawNanos = startNanos - REDRAW_NANOS;
        drawn = false;
    }

    void update(long sent) {
        long now = nanoTime.getAsLong();
        if (sent < total && now - lastDrawNanos < REDRAW_NANOS) {
            return;
        }
        lastDrawNanos = now;
        err.print("\r" + line(sent, now - startNanos));
        err.flush();
        drawn = true;
    }

    void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }

    String line(long sent, long elapsedNanos) {
        double fraction = total == 0 ? 1 : (double) sent / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = elapsedNanos / 1e9;
        double speed = seconds > 0 ? sent / MIB / seconds : 0;
        String left = speed > 0 ? clock((long) Math.ceil((total - sent) / MIB / speed)) : "--:--";
        return String.format(Locale.ROOT, "[%s%s] %8.1f / %.1f MiB  %7.1f MiB/s  %s left",
                "#".repeat(filled), " ".repeat(WIDTH - filled), sent / MIB, total / MIB, speed, left);
    }

    private static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
