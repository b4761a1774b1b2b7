package dropvault.bench.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends a large file's 828 frames on a thread of its own, so that the client encrypts one frame
 * while the kernel takes the one before: two frames take turns. For a single stream this is what
 * keeps the tool's one core busy with AES-CBC (which cannot be split) rather than with send calls.
 */
final class PacketSender implements AutoCloseable {
    private record Job(byte[] frame, int length) {
    }

    private static final Job END = new Job(new byte[0], 0);

    private final Connection connection;
    private final int code;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<Job> toSend = new ArrayBlockingQueue<>(2);
    private final Thread thread;
    private volatile SessionFailure failure;
    private boolean ended;

    PacketSender(Connection connection, int code, byte[] first, byte[] second) {
        this.connection = connection;
        this.code = code;
        free.add(first);
        free.add(second);
        this.thread = Thread.ofVirtual().name("bench-sender").start(this::sendLoop);
    }

    /** A frame to fill: one the sender is done with. */
    byte[] nextFrame() throws SessionFailure {
        byte[] frame = take(free);
        throwIfFailed();
        return frame;
    }

    /** Hands a filled frame over; returns at once unless both frames are still on their way. */
    void send(byte[] frame, int length) throws SessionFailure {
        throwIfFailed();
        put(new Job(frame, length));
    }

    /** Waits until every frame handed over has been sent; throws what failed on the way. */
    void finish() throws SessionFailure {
        close();
        throwIfFailed();
    }

    /** Stops the sender once it has sent what it was given; a failure is left to {@link #finish}. */
    @Override
    public void close() {
        boolean interrupted = false;
        while (!ended && thread.isAlive()) {
            try {
                ended = toSend.offer(END, 100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        ended = true;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendLoop() {
        try {
            for (Job job = take(toSend); job != END; job = take(toSend)) {
                if (failure == null) {
                    try {
                        connection.send(job.frame(), job.length(), code);
                    } catch (SessionFailure e) {
                        failure = e;
                    }
                }
                // after a failure frames still come back, so that the filling side never waits forever
                free.add(job.frame());
            }
        } catch (SessionFailure e) {
            failure = e;
        }
    }

    private void throwIfFailed() throws SessionFailure {
        SessionFailure f = failure;
        if (f != null) {
            throw f;
        }
    }

    private void put(Job job) throws SessionFailure {
        try {
            toSend.put(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionFailure("interrupted", "while handing a frame to the sender", e);
        }
    }

    private static <T> T take(BlockingQueue<T> queue) throws SessionFailure {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionFailure("interrupted", "while waiting for the sender", e);
        }
    }
}
