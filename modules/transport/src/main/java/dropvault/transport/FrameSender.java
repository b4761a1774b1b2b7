package dropvault.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Sends a stream of frames on a thread of its own, so that the caller fills frames (encrypting
 * into them) while the kernel takes earlier ones: for one upload, AES-CBC encryption, which cannot
 * be split, overlaps with the send calls. Frames go over in batches, two batches taking turns, so
 * that the threads meet once a batch rather than once a frame. Each frame still goes out in one write.
 *
 * @param <F> a frame: an array, a buffer or whatever the output writes
 */
public final class FrameSender<F> implements AutoCloseable {
    /** Where frames go: one call a frame. */
    @FunctionalInterface
    public interface Output<F> {
        void send(F frame, int length) throws IOException;
    }

    /** Bytes of frames a batch at most (and at least one frame), up to {@link #MAX_BATCH} frames. */
    public static final int BATCH_BYTES = 1 << 20;
    public static final int MAX_BATCH = 64;

    private record Filled<F>(F frame, int length) {
    }

    /** The batch that ends the stream: told apart by identity. */
    private final List<Filled<F>> end = new ArrayList<>(0);

    private final Output<F> output;
    private final BlockingQueue<List<Filled<F>>> toSend = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<List<F>> sent = new ArrayBlockingQueue<>(2);
    private final ArrayDeque<F> free = new ArrayDeque<>();
    private final int batchFrames;
    private List<Filled<F>> batch;
    private final Thread thread;
    private volatile IOException failure;
    private boolean ended;

    /**
     * @param frames     makes the frames it hands out and takes back: two batches of them
     * @param frameBytes how long a frame is at most
     */
    public FrameSender(Output<F> output, java.util.function.Supplier<F> frames, int frameBytes, String threadName) {
        this.output = output;
        this.batchFrames = batchFrames(frameBytes);
        this.batch = new ArrayList<>(batchFrames);
        for (int i = 0; i < 2 * batchFrames; i++) {
            free.add(frames.get());
        }
        // a platform thread: a send that blocks on a full socket buffer wakes it with no poller between
        this.thread = Thread.ofPlatform().daemon().name(threadName).start(this::sendLoop);
    }

    /** Frames a batch of frames of {@code frameBytes}: the sender asks its supplier for twice as many. */
    public static int batchFrames(int frameBytes) {
        return Math.clamp(BATCH_BYTES / Math.max(1, frameBytes), 1, MAX_BATCH);
    }

    /** A frame to fill: one the sender is done with. */
    public F nextFrame() throws IOException {
        throwIfFailed();
        if (free.isEmpty()) {
            free.addAll(poll(sent));
        }
        return free.poll();
    }

    /** Hands a filled frame over: it goes with its batch. */
    public void send(F frame, int length) throws IOException {
        throwIfFailed();
        batch.add(new Filled<>(frame, length));
        if (batch.size() == batchFrames) {
            hand(batch);
            batch = new ArrayList<>(batchFrames);
        }
    }

    /** Sends what is left and waits until every frame handed over has been sent; throws what failed on the way. */
    public void finish() throws IOException {
        if (!batch.isEmpty()) {
            hand(batch);
            batch = new ArrayList<>(batchFrames);
        }
        close();
        throwIfFailed();
    }

    /** Stops the sender once it has sent what it was given; a failure is left to {@link #finish}. */
    @Override
    public void close() {
        boolean interrupted = false;
        while (!ended && thread.isAlive()) {
            try {
                ended = toSend.offer(end, 100, TimeUnit.MILLISECONDS);
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
            for (List<Filled<F>> b = toSend.take(); b != end; b = toSend.take()) {
                List<F> back = new ArrayList<>(b.size());
                for (Filled<F> f : b) {
                    if (failure == null) {
                        try {
                            output.send(f.frame(), f.length());
                        } catch (IOException | RuntimeException e) {
                            failure = e instanceof IOException io ? io : new IOException(e);
                        }
                    }
                    back.add(f.frame());
                }
                // after a failure frames still come back, so that the filling side never waits forever
                sent.put(back);
            }
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("the sender was interrupted");
        }
    }

    private void hand(List<Filled<F>> b) throws IOException {
        try {
            while (!toSend.offer(b, 100, TimeUnit.MILLISECONDS)) {
                senderAlive();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing frames to the sender");
        }
    }

    private void throwIfFailed() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw f;
        }
    }

    /** Throws when the sender thread is gone: nothing will come back from it. */
    private void senderAlive() throws IOException {
        if (!thread.isAlive()) {
            throwIfFailed();
            throw new IOException("the sender thread stopped");
        }
    }

    private <T> T poll(BlockingQueue<T> queue) throws IOException {
        try {
            T item;
            while ((item = queue.poll(100, TimeUnit.MILLISECONDS)) == null) {
                senderAlive();
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the sender");
        }
    }
}
