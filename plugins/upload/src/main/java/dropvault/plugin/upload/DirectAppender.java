package dropvault.plugin.upload;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Appends to a file with direct I/O ({@code O_DIRECT}): whole aligned buffers go from memory to
 * the disk, past the page cache. Buffered, every 4 KiB page of a file costs the kernel its copy and
 * its bookkeeping on the way in and a write-back later, about as much CPU as the rest of an upload;
 * and the final {@code force} waits for whatever is still dirty. The last partial block is written
 * padded with zeros and the file cut back to its size.
 *
 * <p>Where the file system refuses direct I/O (tmpfs, some network file systems) or all
 * {@link #BUFFERS} buffers are in use, {@link #open} gives nothing and the caller writes buffered.
 */
final class DirectAppender {
    static final int BUFFER_BYTES = 512 * 1024;
    /**
     * Direct memory for them is at most BUFFERS x (BUFFER_BYTES + 4 KiB), about 16 MiB of the 64 MiB
     * bin/dropvault-server allows, taken as uploads need it and reused; further uploads write buffered.
     */
    static final int BUFFERS = 32;
    private static final Semaphore PERMITS = new Semaphore(BUFFERS);
    private static final ConcurrentLinkedQueue<ByteBuffer> FREE = new ConcurrentLinkedQueue<>();
    /** File systems of larger blocks are written buffered. */
    private static final int MAX_ALIGNMENT = 4096;

    private final FileChannel channel;
    private final int block;
    private ByteBuffer buffer;
    private long size;

    private DirectAppender(FileChannel channel, int block, ByteBuffer buffer) {
        this.channel = channel;
        this.block = block;
        this.buffer = buffer;
    }

    /** Files smaller than this are written buffered: for them direct I/O saves nothing and costs a padded block. */
    static final long MIN_FILE_BYTES = BUFFER_BYTES;
    /** The block size of the file system of each folder that holds client folders (one, the data folder's files/). */
    private static final ConcurrentHashMap<Path, Long> BLOCK_SIZES = new ConcurrentHashMap<>();

    /** An appender for {@code file}, emptied; empty when direct I/O is not to be had for it. */
    static Optional<DirectAppender> open(Path file) {
        if (!PERMITS.tryAcquire()) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            long blockSize = blockSize(file);
            if (blockSize <= 0 || blockSize > MAX_ALIGNMENT || Long.bitCount(blockSize) != 1) {
                PERMITS.release();
                return Optional.empty();
            }
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    ExtendedOpenOption.DIRECT);
            ByteBuffer b = FREE.poll();
            if (b == null) {
                b = ByteBuffer.allocateDirect(BUFFER_BYTES + MAX_ALIGNMENT).alignedSlice(MAX_ALIGNMENT)
                        .limit(BUFFER_BYTES).slice();
            }
            // 4 KiB whatever the block size: a disk of 4 KiB sectors under smaller blocks refuses less
            return Optional.of(new DirectAppender(channel, MAX_ALIGNMENT, b.clear()));
        } catch (IOException | UnsupportedOperationException e) {
            // no direct I/O here (EINVAL from open on tmpfs, say): the caller writes through the page cache
            closeQuietly(channel);
            PERMITS.release();
            return Optional.empty();
        }
    }

    /** Looked up once a folder: {@code Files.getFileStore} reads the mount table. */
    private static long blockSize(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path clients = folder.getParent() != null ? folder.getParent() : folder;
        Long known = BLOCK_SIZES.get(clients);
        if (known == null) {
            known = Files.getFileStore(file).getBlockSize();
            BLOCK_SIZES.put(clients, known);
        }
        return known;
    }

    void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
            if (!buffer.hasRemaining()) {
                flush(buffer.position());
            }
        }
    }

    /** Writes what is left, cuts the file to the bytes appended, forces it to disk and closes it. */
    void finish() throws IOException {
        try {
            int tail = buffer.position();
            if (tail > 0) {
                int padded = (tail + block - 1) / block * block;
                while (buffer.position() < padded) {
                    buffer.put((byte) 0);
                }
                flush(tail);
            }
            channel.truncate(size);
            channel.force(true);
        } finally {
            close();
        }
    }

    /** Closes the file, giving the buffer back; what was not written is lost (the caller deletes the file). */
    void close() throws IOException {
        if (buffer != null) {
            FREE.offer(buffer);
            buffer = null;
            PERMITS.release();
        }
        channel.close();
    }

    /** Writes the buffer from its start to its position; {@code data} of those bytes are the file's. */
    private void flush(int data) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
        size += data;
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // it was never written to
            }
        }
    }
}
