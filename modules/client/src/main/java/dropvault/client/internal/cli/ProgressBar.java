package dropvault.client.internal.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * One line on stderr, redrawn in place: bytes sent, MiB/s and the time left. Each redraw returns
 * to the line's start, writes a line that fits the terminal's width (the bar goes first when it is
 * narrow) and erases what a longer line left after it; a message printed meanwhile clears it first.
 */
final class ProgressBar {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;
    private static final double MIB = 1024.0 * 1024.0;
    /** Carriage return, then the line, then ANSI "erase to the end of the line". */
    private static final String RETURN = "\r";
    private static final String ERASE_REST = "\033[K";

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final IntSupplier columns;
    private long total;
    private long startNanos;
    private long lastDrawNanos;
    private boolean drawn;

    ProgressBar(PrintStream err, LongSupplier nanoTime, IntSupplier columns) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.columns = columns;
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
        // one column spare: a line that fills the last column makes some terminals wrap
        err.print(RETURN + fit(sent, now - startNanos, columns.getAsInt() - 1) + ERASE_REST);
        err.flush();
        drawn = true;
    }

    /** Takes the bar off the screen so a message can have the line; the next update draws it again. */
    void clear() {
        if (drawn) {
            err.print(RETURN + ERASE_REST);
            err.flush();
            drawn = false;
        }
    }

    void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }

    /** The longest of the line's forms that fits in {@code width} columns. */
    String fit(long sent, long elapsedNanos, int width) {
        Figures f = figures(sent, elapsedNanos);
        String full = f.bar + " " + f.amounts + "  " + f.speed + "  " + f.left;
        if (full.length() <= width) {
            return full;
        }
        String noBar = f.amounts.strip() + "  " + f.speed.strip() + "  " + f.left;
        if (noBar.length() <= width) {
            return noBar;
        }
        String tight = f.percent + " " + f.speed.strip() + " " + f.left;
        if (tight.length() <= width) {
            return tight;
        }
        return f.percent.length() <= width ? f.percent : f.percent.substring(0, Math.max(0, width));
    }

    String line(long sent, long elapsedNanos) {
        return fit(sent, elapsedNanos, Integer.MAX_VALUE);
    }

    private record Figures(String bar, String amounts, String speed, String left, String percent) {
    }

    private Figures figures(long sent, long elapsedNanos) {
        double fraction = total == 0 ? 1 : (double) sent / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = elapsedNanos / 1e9;
        double speed = seconds > 0 ? sent / MIB / seconds : 0;
        String left = (speed > 0 ? clock((long) Math.ceil((total - sent) / MIB / speed)) : "--:--") + " left";
        return new Figures("[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "]",
                String.format(Locale.ROOT, "%8.1f / %.1f MiB", sent / MIB, total / MIB),
                String.format(Locale.ROOT, "%7.1f MiB/s", speed), left,
                String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100)));
    }

    private static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
