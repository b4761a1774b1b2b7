package dropvault.server.internal;

import java.util.Optional;

/**
 * What the limits may ask of the heap at worst, against the heap the JVM may grow to: frames in
 * flight (the {@link FrameBudget}), every connection open and idle, every upload in progress with
 * its buffers, and the server's own objects. Running out of heap fails threads that the server
 * cannot spare (the JDK's socket poller among them), so limits that do not fit get a warning.
 */
public record MemoryPlan(long heap, long frames, long connections, long uploads) {
    /**
     * Heap an open connection holds between frames: its virtual thread's parked stack (about 3 KiB
     * measured), socket and session objects (about 1.3 KiB), with room for deeper stacks.
     */
    static final long CONNECTION_BYTES = 6 * 1024;
    /** Besides a packet's plaintext buffer, an upload's cipher, checksum and file channel. */
    static final long UPLOAD_OVERHEAD_BYTES = 64 * 1024;
    /** The server's own objects: handlers, store caches, logging, the JDK's pollers. */
    static final long BASE_BYTES = 24L << 20;

    /** The plan for a heap of {@code heap} bytes and the given limits. */
    public static MemoryPlan of(long heap, int maxConnections, int maxConcurrentUploads, int maxPacketData) {
        return new MemoryPlan(heap, FrameBudget.quarterOf(heap), maxConnections * CONNECTION_BYTES,
                maxConcurrentUploads * (maxPacketData + UPLOAD_OVERHEAD_BYTES));
    }

    public long worstCase() {
        return BASE_BYTES + frames + connections + uploads;
    }

    /** Why the worst case does not fit the heap, when it does not. */
    public Optional<String> warning() {
        if (worstCase() <= heap) {
            return Optional.empty();
        }
        return Optional.of("the limits may need " + mib(worstCase()) + " MiB of heap at worst, more than the "
                + mib(heap) + " MiB the JVM may take (" + mib(frames) + " for frames in flight, " + mib(connections)
                + " for max.connections, " + mib(uploads) + " for max.concurrent.uploads, " + mib(BASE_BYTES)
                + " for the server): raise -Xmx in DROPVAULT_JAVA_OPTS or lower the limits");
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
