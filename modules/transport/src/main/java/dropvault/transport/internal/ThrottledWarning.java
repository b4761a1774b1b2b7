package dropvault.transport.internal;

import java.util.function.LongSupplier;

/**
 * One kind of warning that can come thousands of times a second (connections refused over the cap,
 * accepts failing for want of file descriptors): the first is logged, later ones are counted and
 * summed up at most once an interval, so that a flood of them cannot flood the log.
 */
public final class ThrottledWarning {
    private final System.Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long windowStart;
    private long suppressed;
    private boolean started;

    public ThrottledWarning(System.Logger log, long intervalNanos, LongSupplier nanoClock) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
    }

    /** Logs {@code message} unless one was logged less than an interval ago; then counts it. */
    public synchronized void warn(String message) {
        long now = nanoClock.getAsLong();
        if (started && now - windowStart < intervalNanos) {
            suppressed++;
            return;
        }
        if (suppressed > 0) {
            log.log(System.Logger.Level.WARNING, message + " (and " + suppressed + " more like it since the last such line)");
        } else {
            log.log(System.Logger.Level.WARNING, message);
        }
        started = true;
        windowStart = now;
        suppressed = 0;
    }

    /** How many warnings were counted but not logged since the last line. */
    public synchronized long suppressed() {
        return suppressed;
    }
}
