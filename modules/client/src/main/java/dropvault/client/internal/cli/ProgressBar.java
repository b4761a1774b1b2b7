package dropvault.client.internal.cli;

import dropvault.cli.ProgressLine;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The client's progress line ({@link ProgressLine}): bytes sent, MiB/s and the time left; the bar
 * goes first when the terminal is narrow.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final double MIB = 1024.0 * 1024.0;

    private final LongSupplier nanoTime;
    private final ProgressLine line;
    private long total;
    private long startNanos;

    ProgressBar(PrintStream err, LongSupplier nanoTime, IntSupplier columns) {
        this.nanoTime = nanoTime;
        this.line = new ProgressLine(err, nanoTime, columns);
    }

    void start(long totalBytes) {
        total = totalBytes;
        startNanos = nanoTime.getAsLong();
        line.restart();
    }

    void update(long sent) {
        if (line.due(sent >= total)) {
            line.draw(forms(sent, nanoTime.getAsLong() - startNanos));
        }
    }

    /** Takes the bar off the screen so a message can have the line; the next update draws it again. */
    void clear() {
        line.clear();
    }

    void finish() {
        line.finish();
    }

    /** The longest of the line's forms that fits in {@code width} columns. */
    String fit(long sent, long elapsedNanos, int width) {
        return ProgressLine.fit(forms(sent, elapsedNanos), width);
    }

    String line(long sent, long elapsedNanos) {
        return forms(sent, elapsedNanos).getFirst();
    }

    /** The whole line, then without the bar, then tight, then the percentage alone. */
    private List<String> forms(long sent, long elapsedNanos) {
        double fraction = total == 0 ? 1 : (double) sent / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = elapsedNanos / 1e9;
        double speed = seconds > 0 ? sent / MIB / seconds : 0;
        String left = (speed > 0 ? clock((long) Math.ceil((total - sent) / MIB / speed)) : "--:--") + " left";
        String bar = "[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "]";
        String amounts = String.format(Locale.ROOT, "%8.1f / %.1f MiB", sent / MIB, total / MIB);
        String rate = String.format(Locale.ROOT, "%7.1f MiB/s", speed);
        String percent = String.format(Locale.ROOT, "%3d%%", (int) Math.floor(fraction * 100));
        return List.of(bar + " " + amounts + "  " + rate + "  " + left,
                amounts.strip() + "  " + rate.strip() + "  " + left,
                percent + " " + rate.strip() + " " + left,
                percent);
    }

    private static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
