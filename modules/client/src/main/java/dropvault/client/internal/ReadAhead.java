package dropvault.client.internal;

import dropvault.crypto.Cksum;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a file of a known size on a thread of its own, in blocks, and computes its cksum there, so
 * that the thread that encrypts does nothing else. Blocks go over in batches, two batches taking
 * turns, so that the threads meet once a batch rather than once a block; the blocks come back to
 * be filled again. Holds at most two batches of blocks, about 2 MiB.
 */
final class ReadAhead implements AutoCloseable {
    /** {@code length} bytes of the file at the start of {@code array}. */
    record Block(byte[] array, int length) {
    }

    private static final int BATCH_BYTES = 1 << 20;
    private static final int MAX_BATCH = 64;

    private final InputStream in;
    private final String path;
    private final int batchBlocks;
    private final BlockingQueue<List<Block>> filled = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<List<byte[]>> empty = new ArrayBlockingQueue<>(2);
    private final Thread thread;
    private List<Block> current = List.of();
    private int nextInBatch;
    private List<byte[]> returned;
    /** The block handed out last: the caller may still be reading it. */
    private byte[] inUse;
    private volatile LocalFileException failure;
    private volatile long cksum = -1;

    /** Starts reading {@code size} bytes of {@code in} in blocks of {@code blockBytes}. */
    ReadAhead(InputStream in, String path, long size, int blockBytes) {
        this.in = in;
        this.path = path;
        this.batchBlocks = Math.clamp(BATCH_BYTES / blockBytes, 1, MAX_BATCH);
        this.returned = new ArrayList<>(batchBlocks);
        List<byte[]> first = new ArrayList<>();
        List<byte[]> second = new ArrayList<>();
        for (int i = 0; i < batchBlocks; i++) {
            first.add(new byte[blockBytes]);
            second.add(new byte[blockBytes]);
        }
        empty.add(second);
        this.thread = Thread.ofPlatform().daemon().name("dropvault-client-reader")
                .start(() -> readLoop(first, size));
    }

    /**
     * The next block; the one before it goes back to be filled again.
     *
     * @throws LocalFileException when the file could not be read or ended before its size
     */
    Block next() throws LocalFileException {
        if (inUse != null) {
            returned.add(inUse);
            if (returned.size() == batchBlocks) {
                // the queue has room: there are two batches of blocks, and the reader holds none of these
                empty.add(returned);
                returned = new ArrayList<>(batchBlocks);
            }
        }
        if (nextInBatch == current.size()) {
            current = take();
            nextInBatch = 0;
        }
        Block b = current.get(nextInBatch++);
        inUse = b.array();
        return b;
    }

    /** The cksum of the whole file, once its last block was taken. */
    long cksum() {
        return cksum;
    }

    /** Stops the reader if it still runs (an upload given up); the caller closes the file. */
    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
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

    private void readLoop(List<byte[]> arrays, long size) {
        Cksum sum = new Cksum();
        long left = size;
        try {
            while (true) {
                List<Block> batch = new ArrayList<>(arrays.size());
                for (byte[] a : arrays) {
                    int n = (int) Math.min(a.length, left);
                    readFully(a, n, left);
                    sum.update(a, 0, n);
                    left -= n;
                    batch.add(new Block(a, n));
                    if (left == 0) {
                        break;
                    }
                }
                if (left == 0) {
                    cksum = sum.value();
                    filled.put(batch);
                    return;
                }
                filled.put(batch);
                arrays = empty.take();
            }
        } catch (LocalFileException e) {
            failure = e;
        } catch (InterruptedException e) {
            // the upload was given up
        }
    }

    private void readFully(byte[] a, int n, long left) throws LocalFileException {
        int got = 0;
        try {
            while (got < n) {
                int r = in.read(a, got, n - got);
                if (r < 0) {
                    throw new LocalFileException("the file shrank while it was being sent (" + (left - got)
                            + " bytes missing)", null);
                }
                got += r;
            }
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private List<Block> take() throws LocalFileException {
        try {
            List<Block> b;
            while ((b = filled.poll(100, TimeUnit.MILLISECONDS)) == null) {
                LocalFileException f = failure;
                if (f != null) {
                    throw f;
                }
                if (!thread.isAlive() && filled.isEmpty()) {
                    throw new LocalFileException("the file reader stopped", null);
                }
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalFileException("interrupted while reading the file", null);
        }
    }
}
