package dropvault.client.internal;

import dropvault.crypto.Cksum;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a file of a known size on a thread of its own, in blocks, and computes its cksum (and the
 * CRC-32 some servers send instead, PROTOCOL.md §8) there, so
 * that the thread that encrypts does nothing else. Blocks go over in batches, two batches taking
 * turns, so that the threads meet once a batch rather than once a block; the blocks come back to
 * be filled again. Holds at most two batches of blocks, about 2 MiB. Direct blocks take the file
 * from the kernel with no copy through a temporary buffer, for a cipher that reads them in place.
 */
final class ReadAhead implements AutoCloseable {

    private static final int BATCH_BYTES = 1 << 20;
    private static final int MAX_BATCH = 64;

    private final ReadableByteChannel in;
    private final String path;
    private final int batchBlocks;
    private final BlockingQueue<List<ByteBuffer>> filled = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<List<ByteBuffer>> empty = new ArrayBlockingQueue<>(2);
    private final Thread thread;
    private List<ByteBuffer> current = List.of();
    private int nextInBatch;
    private List<ByteBuffer> returned;
    /** The block handed out last: the caller may still be reading it. */
    private ByteBuffer inUse;
    private volatile LocalFileException failure;
    private volatile long cksum = -1;
    private volatile long crc32 = -1;

    /** Starts reading {@code size} bytes of {@code in} in blocks of {@code blockBytes}, direct or heap buffers. */
    ReadAhead(ReadableByteChannel in, String path, long size, int blockBytes, boolean direct) {
        this.in = in;
        this.path = path;
        this.batchBlocks = Math.clamp(BATCH_BYTES / blockBytes, 1, MAX_BATCH);
        this.returned = new ArrayList<>(batchBlocks);
        List<ByteBuffer> first = new ArrayList<>();
        List<ByteBuffer> second = new ArrayList<>();
        for (int i = 0; i < batchBlocks; i++) {
            first.add(direct ? ByteBuffer.allocateDirect(blockBytes) : ByteBuffer.allocate(blockBytes));
            second.add(direct ? ByteBuffer.allocateDirect(blockBytes) : ByteBuffer.allocate(blockBytes));
        }
        empty.add(second);
        this.thread = Thread.ofPlatform().daemon().name("dropvault-client-reader")
                .start(() -> readLoop(first, size));
    }

    /**
     * The next block, the file's bytes from its position 0 to its limit; the one before it goes
     * back to be filled again.
     *
     * @throws LocalFileException when the file could not be read or ended before its size
     */
    ByteBuffer next() throws LocalFileException {
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
        ByteBuffer b = current.get(nextInBatch++);
        inUse = b;
        return b;
    }

    /** zlib's CRC-32 of the whole file, once its last block was taken. */
    long crc32() {
        return crc32;
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

    private void readLoop(List<ByteBuffer> blocks, long size) {
        Cksum sum = new Cksum();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        long left = size;
        try {
            while (true) {
                List<ByteBuffer> batch = new ArrayList<>(blocks.size());
                for (ByteBuffer b : blocks) {
                    b.clear().limit((int) Math.min(b.capacity(), left));
                    readFully(b, left);
                    b.flip();
                    sum.update(b.duplicate());
                    crc.update(b.duplicate());
                    left -= b.limit();
                    batch.add(b);
                    if (left == 0) {
                        break;
                    }
                }
                if (left == 0) {
                    crc32 = crc.getValue();
                    cksum = sum.value();
                    filled.put(batch);
                    return;
                }
                filled.put(batch);
                blocks = empty.take();
            }
        } catch (LocalFileException e) {
            failure = e;
        } catch (InterruptedException e) {
            // the upload was given up
        }
    }

    private void readFully(ByteBuffer b, long left) throws LocalFileException {
        try {
            while (b.hasRemaining()) {
                if (in.read(b) < 0) {
                    throw new LocalFileException("the file shrank while it was being sent (" + (left - b.position())
                            + " bytes missing)", null);
                }
            }
        } catch (IOException e) {
            throw new LocalFileException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private List<ByteBuffer> take() throws LocalFileException {
        try {
            List<ByteBuffer> b;
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
