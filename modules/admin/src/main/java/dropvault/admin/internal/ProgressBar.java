package dropvault.admin.internal;

import dropvault.cli.ProgressLine;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** The admin tool's progress line ({@link ProgressLine}): files and MiB done, MiB/s. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final double MIB = 1024.0 * 1024.0;

    private final LongSupplier nanoTime;
    private final ProgressLine line;
    private final long totalBytes;
    private final int totalFiles;
    private final long startNanos;

    ProgressBar(PrintStream err, LongSupplier nanoTime, IntSupplier columns, int totalFiles, long totalBytes) {
        this.nanoTime = nanoTime;
        this.line = new ProgressLine(err, nanoTime, columns);
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.startNanos = nanoTime.getAsLong();
    }

    void update(int files, long bytes) {
        if (line.due(files >= totalFiles)) {
            line.draw(forms(files, bytes, nanoTime.getAsLong() - startNanos));
        }
    }

    /** Ends the line, so that what is printed next starts on its own. */
    void finish() {
        line.finish();
    }

    String line(int files, long bytes, long elapsedNanos) {
        return forms(files, bytes, elapsedNanos).getFirst();
    }

    /** The longest of the line's forms that fits in {@code width} columns. */
    String fit(int files, long bytes, long elapsedNanos, int width) {
        return ProgressLine.fit(forms(files, bytes, elapsedNanos), width);
    }

    /** The whole line, then without the bar, then files and speed alone. */
    private List<String> forms(int files, long bytes, long elapsedNanos) {
        double fraction = totalBytes == 0 ? (totalFiles == 0 ? 1 : (double) files / totalFiles)
                : (double) bytes / totalBytes;
        int filled = (int) Math.round(Math.min(1, fraction) * WIDTH);
        double seconds = elapsedNanos / 1e9;
        double speed = seconds > 0 ? bytes / MIB / seconds : 0;
        String counts = String.format(Locale.ROOT, "%d/%d files  %.1f / %.1f MiB  %.1f MiB/s", files, totalFiles,
                bytes / MIB, totalBytes / MIB, speed);
        return List.of("[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + counts, counts,
                String.format(Locale.ROOT, "%d/%d files %.1f MiB/s", files, totalFiles, speed));
    }
}
