package dropvault.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * One line on stderr, redrawn in place at most ten times a second (and always for the last
 * redraw). Each redraw returns to the line's start, writes the longest of the caller's forms of the
 * line that fits the terminal's width and erases what a longer line left after it; a message
 * printed meanwhile clears it first.
 */
public final class ProgressLine {
    private static final long REDRAW_NANOS = 100_000_000L;
    /** Carriage return, then the line, then ANSI "erase to the end of the line". */
    private static final String RETURN = "\r";
    private static final String ERASE_REST = "\033[K";

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final IntSupplier columns;
    private long lastDrawNanos;
    private boolean drawn;

    public ProgressLine(PrintStream err, LongSupplier nanoTime, IntSupplier columns) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.columns = columns;
        restart();
    }

    /** Forgets the last redraw: the next {@link #due} is. */
    public void restart() {
        lastDrawNanos = nanoTime.getAsLong() - REDRAW_NANOS;
        drawn = false;
    }

    /** Whether to redraw now: a tenth of a second after the last one, or at once when {@code last}. */
    public boolean due(boolean last) {
        long now = nanoTime.getAsLong();
        if (!last && now - lastDrawNanos < REDRAW_NANOS) {
            return false;
        }
        lastDrawNanos = now;
        return true;
    }

    /** Draws the first of {@code forms} (longest first) that fits the terminal. */
    public void draw(List<String> forms) {
        // one column spare: a line that fills the last column makes some terminals wrap
        err.print(RETURN + fit(forms, columns.getAsInt() - 1) + ERASE_REST);
        err.flush();
        drawn = true;
    }

    /** Takes the line off the screen so a message can have it; the next draw puts it back. */
    public void clear() {
        if (drawn) {
            err.print(RETURN + ERASE_REST);
            err.flush();
            drawn = false;
        }
    }

    /** Ends the line, so that what is printed next starts on its own. */
    public void finish() {
        if (drawn) {
            err.println();
            drawn = false;
        }
    }

    /** The first of {@code forms} that fits in {@code width} columns, else the last one cut to it. */
    public static String fit(List<String> forms, int width) {
        for (String f : forms) {
            if (f.length() <= width) {
                return f;
            }
        }
        String last = forms.getLast();
        return last.substring(0, Math.clamp(width, 0, last.length()));
    }
}
