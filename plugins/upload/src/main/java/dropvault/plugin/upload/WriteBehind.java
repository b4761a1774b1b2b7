package dropvault.plugin.upload;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * Writes a file's data to disk while it is still being appended: every {@link #STEP} bytes, a
 * {@code force} on a thread of its own (one at a time). Without it the kernel holds the whole file
 * in dirty pages and the final {@code force} writes all of it at once, about a second a GiB here,
 * while the client waits for 1603; with it the disk works during the upload and the final force
 * has at most a few steps left. Durability still comes from that final force alone.
 */
final class WriteBehind {
    static final long STEP = 16L << 20;

    private final FileChannel channel;
    private long requestedAt;
    private Thread flusher;
    private volatile IOException failure;

    WriteBehind(FileChannel channel) {
        this.channel = channel;
    }

    /** Notes that {@code written} bytes are in the file; starts a flush when a step has passed and none runs. */
    void written(long written) {
        if (written - requestedAt < STEP || (flusher != null && flusher.isAlive())) {
            return;
        }
        requestedAt = written;
        flusher = Thread.ofVirtual().name("write-behind").start(this::flush);
    }

    private void flush() {
        try {
            channel.force(false);
        } catch (ClosedChannelException e) {
            // the upload was discarded meanwhile: nothing is left to flush
        } catch (IOException e) {
            failure = e;
        }
    }

    /**
     * Waits for the flush in progress, if any.
     *
     * @throws IOException what a flush failed with: a failed write-back may not be reported again by the
     *                     final force, so it fails the upload here
     */
    void await() throws IOException {
        if (flusher != null) {
            try {
                flusher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the file was being written to disk");
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
