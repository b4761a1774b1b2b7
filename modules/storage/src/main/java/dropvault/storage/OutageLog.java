package dropvault.storage;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Failures of something a server depends on (a database, an object store), logged once in a while
 * instead of once per request: the first at once, then at most one line per interval with a count
 * of the rest; the first success after a failure logs that it answers again. Safe for use by several
 * threads.
 */
public final class OutageLog {
    private final System.Logger log;
    private final String area;
    private final String answersAgain;
    private final long intervalNanos;
    private volatile boolean failing;
    private long lastLogNanos;
    private long unlogged;

    /**
     * @param area         what each line begins with ({@code "store"}, {@code "files"})
     * @param answersAgain the line of a recovery ({@code "the database answers again"})
     * @param interval     the least time between two failure lines
     */
    public OutageLog(System.Logger log, String area, String answersAgain, Duration interval) {
        this.log = log;
        this.area = area;
        this.answersAgain = answersAgain;
        this.intervalNanos = interval.toNanos();
    }

    /** One failure, said as {@code "<operation> failed: <why>"}. */
    public synchronized void failed(String what) {
        long now = System.nanoTime();
        if (!failing || now - lastLogNanos >= intervalNanos) {
            log.log(Level.WARNING, area + ": " + what
                    + (unlogged > 0 ? " (and " + unlogged + " more failures since the last report)" : ""));
            failing = true;
            lastLogNanos = now;
            unlogged = 0;
        } else {
            unlogged++;
        }
    }

    /** An answer: after failures, one line that it answers again. */
    public void succeeded() {
        if (failing) {
            recovered();
        }
    }

    private synchronized void recovered() {
        if (failing) {
            failing = false;
            log.log(Level.INFO, area + ": " + answersAgain + (unlogged > 0 ? " (" + unlogged
                    + " failures since the last report)" : ""));
            unlogged = 0;
        }
    }
}
