package dropvault.server.internal.safeguards;

/**
 * Whether an upload arrives at {@code limits.upload.min.bytes.per.second} or faster, judged over
 * each window ({@code Safeguards.UPLOAD_RATE_WINDOW}) from the moment it began: a window that ends
 * with fewer bytes than the minimum times its length fails it. When no judgement came between
 * several windows, they are judged together, against the bytes of all of them.
 */
public final class UploadRate {
    private final long minBytesPerSecond;
    private final long windowNanos;
    private long windowStart;
    private long bytesAtWindowStart;

    /**
     * @param startNanos the clock when the upload began
     * @param bytes      bytes the connection had received then (a running count)
     */
    public UploadRate(long minBytesPerSecond, long windowNanos, long startNanos, long bytes) {
        if (minBytesPerSecond < 1 || windowNanos < 1) {
            throw new IllegalArgumentException("a rate and window of at least 1: " + minBytesPerSecond + ", "
                    + windowNanos);
        }
        this.minBytesPerSecond = minBytesPerSecond;
        this.windowNanos = windowNanos;
        this.windowStart = startNanos;
        this.bytesAtWindowStart = bytes;
    }

    /**
     * Judges the windows that have ended by {@code now}, when the connection has received
     * {@code bytes} in all.
     *
     * @return false when they got fewer bytes than the minimum; true (and the next window begun) else
     */
    public boolean keepsUp(long now, long bytes) {
        long elapsed = now - windowStart;
        if (elapsed < windowNanos) {
            return true;
        }
        long windows = elapsed / windowNanos;
        if (bytes - bytesAtWindowStart < needed(windows * windowNanos)) {
            return false;
        }
        windowStart += windows * windowNanos;
        bytesAtWindowStart = bytes;
        return true;
    }

    /** Nanoseconds from {@code now} to the end of the current window, when it is to be judged. */
    public long nanosToJudgement(long now) {
        return Math.max(0, windowStart + windowNanos - now);
    }

    /** Bytes the minimum asks for in {@code nanos}, rounded up (at most Long.MAX_VALUE). */
    private long needed(long nanos) {
        return (long) Math.ceil(minBytesPerSecond * (nanos / 1e9));
    }
}
