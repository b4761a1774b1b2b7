package dropvault.server.internal;

import java.util.concurrent.Semaphore;

/**
 * The heap that frames being read and handled may take at once, over all connections: without it,
 * max.connections peers that each declare the largest payload would make the server allocate
 * max.connections times the largest frame. A frame that does not fit is refused (1607).
 */
final class FrameBudget {
    /** Payload bytes a frame costs: the payload array, and as much again for handling it (the upload's plaintext). */
    private static final int COPIES = 2;
    private static final int UNIT = 1024;

    private final Semaphore units;
    private final long bytes;

    FrameBudget(long bytes) {
        this.bytes = bytes;
        this.units = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes / UNIT)));
    }

    /** A quarter of the heap the JVM may grow to. */
    static FrameBudget quarterOfHeap() {
        return new FrameBudget(quarterOf(Runtime.getRuntime().maxMemory()));
    }

    static long quarterOf(long heap) {
        return heap / 4;
    }

    long bytes() {
        return bytes;
    }

    /** Takes the units a payload of {@code payloadSize} bytes costs and returns how many; -1 when it does not fit now. */
    int tryTake(long payloadSize) {
        int n = (int) Math.min(Integer.MAX_VALUE, (payloadSize * COPIES + UNIT - 1) / UNIT);
        if (n == 0) {
            return 0;
        }
        return units.tryAcquire(n) ? n : -1;
    }

    void give(int n) {
        if (n > 0) {
            units.release(n);
        }
    }
}
