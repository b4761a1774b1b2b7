package dropvault.files.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * The bytes that the part buffers of all uploads to one store may hold together
 * ({@link S3Settings#memoryBytes()}): however many uploads run, their parts cannot take more of the
 * heap. An upload that finds it taken waits up to {@link S3Settings#readTimeout()} for another to
 * give some back, then fails (the client gets 1607; nothing hangs). Safe for use by several threads.
 */
final class PartMemory {
    private final long budget;
    private final long waitNanos;
    private long inUse;
    private long peak;

    PartMemory(long budget, Duration wait) {
        this.budget = budget;
        this.waitNanos = wait.toNanos();
    }

    /** Takes {@code bytes}, waiting for them as long as allowed. */
    synchronized void take(long bytes) throws IOException {
        long deadline = System.nanoTime() + waitNanos;
        while (inUse + bytes > budget) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("no memory for upload parts within " + Duration.ofNanos(waitNanos).toSeconds()
                        + " s: files.s3.memory.bytes (" + budget + ") is held by other uploads");
            }
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for memory for upload parts");
            }
        }
        add(bytes);
    }

    /** Takes {@code bytes} if they are free now. */
    synchronized boolean tryTake(long bytes) {
        if (inUse + bytes > budget) {
            return false;
        }
        add(bytes);
        return true;
    }

    synchronized void give(long bytes) {
        inUse -= bytes;
        notifyAll();
    }

    private void add(long bytes) {
        inUse += bytes;
        peak = Math.max(peak, inUse);
    }

    synchronized long inUse() {
        return inUse;
    }

    /** The most held at once since this memory was made. */
    synchronized long peak() {
        return peak;
    }
}
