package dropvault.storage.mapdb.internal;

import dropvault.storage.OwnerOnly;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * The store's durable truth: an append-only file of checksummed records, each one commit's changes,
 * forced to disk before the commit's callers are answered. MapDB 3.1.0 cannot be trusted after a
 * crash (its write-ahead log is never replayed on open, so a commit cut short leaves a torn file);
 * the MapDB file is rebuilt from this journal whenever it was not closed cleanly.
 *
 * <pre>
 * header: magic "DVJL" (i32), format (i32: 2; 1 for an earlier build's, whose client values may
 *         hold an AES key and which has no clients awaiting their key), generation (i64: new at every
 *         rewrite)
 * record: payload length (i32, &gt; 0), CRC32C of the payload (i32), payload
 * </pre>
 *
 * A crash can leave the last record incomplete: it was never answered, and opening cuts it off. A
 * record that fails its checksum with answered records after it is damage, and opening refuses it.
 */
final class Journal implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Journal.class.getName());
    static final int MAGIC = 0x44564a4c;
    static final int FORMAT = 2;
    static final int EARLIER_FORMAT = 1;
    static final int HEADER_SIZE = 16;
    static final int RECORD_HEADER_SIZE = 8;
    private static final int READ_CHUNK = 1 << 20;

    /** Receives where each record's payload lies in the file when the journal is read. */
    @FunctionalInterface
    interface Reader {
        void record(long payloadOffset, int payloadLength) throws StoreException;
    }

    /** Writes the records of a rewritten journal. */
    @FunctionalInterface
    interface Snapshot {
        void writeTo(Writer out) throws IOException, StoreException;
    }

    /** Where a {@link Snapshot} puts its records. */
    interface Writer {
        void record(byte[] payload, int length) throws IOException;
    }

    private final Path file;
    private FileChannel channel;
    private int format;
    private long generation;
    private long length;
    private volatile boolean broken;

    private Journal(Path file, FileChannel channel, int format, long generation, long length) {
        this.file = file;
        this.channel = channel;
        this.format = format;
        this.generation = generation;
        this.length = length;
    }

    /** Creates the journal {@code file} holding what {@code snapshot} writes; it must not exist yet. */
    static Journal create(Path file, Snapshot snapshot) throws StoreException {
        return create(file, FORMAT, snapshot);
    }

    /** {@link #create(Path, Snapshot)} in {@code format} (an earlier one, for what a store of an earlier build holds). */
    static Journal create(Path file, int format, Snapshot snapshot) throws StoreException {
        try {
            Path temporary = writeWhole(file, format, newGeneration(), snapshot);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            StoreFiles.forceFolder(file);
        } catch (IOException e) {
            throw new StoreException("cannot create the store journal " + file + ": " + e, e);
        }
        return open(file);
    }

    /** Opens the journal, cutting off an incomplete last record; damage anywhere else is refused. */
    static Journal open(Path file) throws StoreException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ByteBuffer header = readHeader(channel, file);
            int format = header.getInt(4);
            long generation = header.getLong(8);
            long end = scan(channel, file, null);
            if (end < channel.size()) {
                LOG.log(Level.WARNING, "{0}: cut off {1} bytes of an incomplete last record at offset {2}"
                        + " (a commit a crash interrupted; nobody was answered for it)",
                        file, channel.size() - end, end);
                channel.truncate(end);
                channel.force(true);
            }
            return new Journal(file, channel, format, generation, end);
        } catch (IOException e) {
            StoreFiles.closeQuietly(channel, e);
            throw new StoreException("cannot open the store journal " + file + ": " + e, e);
        } catch (StoreException | RuntimeException e) {
            StoreFiles.closeQuietly(channel, e);
            throw e;
        }
    }

    long generation() {
        return generation;
    }

    /** {@link #FORMAT}, or {@link #EARLIER_FORMAT} until an earlier build's journal is {@linkplain #replaceWith replaced}. */
    int format() {
        return format;
    }

    long length() {
        return length;
    }

    /** Gives every record, in order, to {@code reader}. */
    void read(Reader reader) throws StoreException {
        try {
            scan(channel, file, reader);
        } catch (IOException e) {
            throw new StoreException("cannot read the store journal " + file + ": " + e, e);
        }
    }

    /** The journal's records as they stand, mapped read-only into memory for as long as {@code arena} is open. */
    MemorySegment map(Arena arena) throws StoreException {
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, length, arena);
        } catch (IOException e) {
            throw new StoreException("cannot map the store journal " + file + " to read it: " + e, e);
        }
    }

    /**
     * Appends one record and forces it to disk. When that fails the journal is cut back to where it
     * was, so a failed commit never comes back after a restart; if even that fails, the journal is
     * {@link #broken()}.
     */
    void append(byte[] payload, int payloadLength) throws IOException {
        if (broken) {
            throw new IOException("the store journal " + file + " could not be cut back after a failed write");
        }
        long start = length;
        try {
            writeFully(channel, record(payload, payloadLength), start);
            channel.force(false);
            length = start + RECORD_HEADER_SIZE + payloadLength;
        } catch (IOException | RuntimeException e) {
            try {
                channel.truncate(start);
                channel.force(false);
            } catch (IOException | RuntimeException cut) {
                e.addSuppressed(cut);
                broken = true;
            }
            throw e;
        }
    }

    /**
     * Replaces this journal, at once and whole, by one in the current format holding what
     * {@code snapshot} writes (a crash leaves either). Called where no append runs (at open).
     */
    void replaceWith(Snapshot snapshot) throws IOException, StoreException {
        long newGeneration = newGeneration();
        Path temporary = writeWhole(file, FORMAT, newGeneration, snapshot);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        StoreFiles.forceFolder(file);
        channel.close();
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        format = FORMAT;
        generation = newGeneration;
        length = channel.size();
    }

    /** True when a failed append may have left its record behind: the store must be reopened. */
    boolean broken() {
        return broken;
    }

    /** A rewrite in progress: the new journal being written beside this one. */
    static final class Rewrite {
        private final Path temporary;
        private final FileChannel out;
        private final long generation;
        /** How far this journal's records, from where it stood when the rewrite began, are copied over. */
        private long copied;
        private long position;

        private Rewrite(Path temporary, FileChannel out, long generation, long from, long position) {
            this.temporary = temporary;
            this.out = out;
            this.generation = generation;
            this.copied = from;
            this.position = position;
        }

        /** Adds records of the state as it was at or after the rewrite began. */
        void write(byte[] payload, int length) throws IOException {
            position += writeFully(out, record(payload, length), position);
        }

        /** Forces what is written so far, so that finishing (under the commit lock) has little left to force. */
        void force() throws IOException {
            out.force(false);
        }
    }

    /**
     * Starts a rewrite: a new journal beside this one, to be filled with the state (in any number of
     * steps, while commits go on) and then {@linkplain #finishRewrite finished}. Called where no
     * append runs (under the commit lock).
     */
    Rewrite beginRewrite() throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        FileChannel out = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), OwnerOnly.fileAttributes(temporary));
        try {
            long newGeneration = newGeneration();
            ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).putInt(MAGIC).putInt(FORMAT).putLong(newGeneration).flip();
            return new Rewrite(temporary, out, newGeneration, length, writeFully(out, header, 0));
        } catch (IOException | RuntimeException e) {
            abandon(new Rewrite(temporary, out, 0, length, 0), e);
            throw e;
        }
    }

    /**
     * Ends a rewrite: copies the records appended since it began, forces the new journal, and puts
     * it in place of this one atomically (a crash leaves either). Called where no append runs (under
     * the commit lock). Puts replayed in order after a state read at any moment since the rewrite
     * began give the state at the end: the store never deletes. Returns the replaced file's channel,
     * for {@link #closeReplaced} once the lock is released.
     */
    FileChannel finishRewrite(Rewrite r) throws IOException {
        try {
            catchUp(r, length);
            r.out.force(true);
            Files.move(r.temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            abandon(r, e);
            throw e;
        }
        FileChannel old = channel;
        channel = r.out;
        generation = r.generation;
        length = r.position;
        try {
            StoreFiles.forceFolder(file);
        } catch (IOException e) {
            // after a crash the old journal could come back without what is appended from now on
            broken = true;
            closeReplaced(old);
            throw e;
        }
        return old;
    }

    /**
     * Closes the journal file a rewrite replaced. Outside the commit lock: closing the last handle of
     * a removed file frees its blocks, tens of milliseconds for a large journal.
     */
    void closeReplaced(FileChannel old) {
        try {
            old.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0}: could not close the journal a rewrite replaced: {1}", file, e.toString());
        }
    }

    /**
     * Copies this journal's records up to {@code upTo} (a length it had, read under the commit lock)
     * into the rewrite; safe beside appends, which write beyond it.
     */
    void catchUp(Rewrite r, long upTo) throws IOException {
        for (long at = r.copied; at < upTo; ) {
            at += channel.transferTo(at, upTo - at, r.out.position(r.position + (at - r.copied)));
        }
        r.position += upTo - r.copied;
        r.copied = upTo;
    }

    /** Drops a rewrite that will not be finished; this journal stays as it is. */
    void abandon(Rewrite r, Throwable cause) {
        StoreFiles.closeQuietly(r.out, cause);
        try {
            Files.deleteIfExists(r.temporary);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Writes a whole journal for {@code file} beside it and forces it to disk; returns where. */
    private static Path writeWhole(Path file, int format, long generation, Snapshot snapshot)
            throws IOException, StoreException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), OwnerOnly.fileAttributes(temporary))) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).putInt(MAGIC).putInt(format).putLong(generation).flip();
            long[] position = {writeFully(out, header, 0)};
            snapshot.writeTo((payload, n) -> position[0] += writeFully(out, record(payload, n), position[0]));
            out.force(true);
        } catch (IOException | StoreException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return temporary;
    }

    private static ByteBuffer record(byte[] payload, int payloadLength) {
        if (payloadLength <= 0) {
            throw new IllegalArgumentException("a journal record holds at least one change");
        }
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, payloadLength);
        ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER_SIZE).putInt(payloadLength).putInt((int) crc.getValue());
        return ByteBuffer.allocate(RECORD_HEADER_SIZE + payloadLength)
                .put(header.flip()).put(payload, 0, payloadLength).flip();
    }

    /** The header, checked: magic and a format this build reads. */
    private static ByteBuffer readHeader(FileChannel channel, Path file) throws IOException, StoreException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        if (readFully(channel, header, 0) < HEADER_SIZE) {
            throw new StoreException(file + " is not a dropvault store journal (shorter than its header)");
        }
        header.flip();
        if (header.getInt() != MAGIC) {
            throw new StoreException(file + " is not a dropvault store journal (wrong magic number)");
        }
        int format = header.getInt();
        if (format > FORMAT) {
            throw new StoreException(file + " has journal format " + format + ", written by a newer dropvault; this one"
                    + " reads format " + FORMAT);
        }
        if (format != FORMAT && format != EARLIER_FORMAT) {
            throw new StoreException(file + " has unknown journal format " + format + "; this dropvault reads format "
                    + FORMAT);
        }
        return header;
    }

    /** Checks every record (and gives it to {@code reader} if not null); returns where the good records end. */
    private static long scan(FileChannel channel, Path file, Reader reader) throws IOException, StoreException {
        long size = channel.size();
        long position = HEADER_SIZE;
        ByteBuffer recordHeader = ByteBuffer.allocate(RECORD_HEADER_SIZE);
        ByteBuffer payload = ByteBuffer.allocate(READ_CHUNK);
        CRC32C crc = new CRC32C();
        while (position < size) {
            if (size - position < RECORD_HEADER_SIZE) {
                return position;
            }
            recordHeader.clear();
            readFully(channel, recordHeader, position);
            recordHeader.flip();
            int payloadLength = recordHeader.getInt();
            int expected = recordHeader.getInt();
            long end = position + RECORD_HEADER_SIZE + payloadLength;
            if (payloadLength <= 0 || end > size) {
                return tornTail(channel, file, position, size);
            }
            if (payload.capacity() < payloadLength) {
                payload = ByteBuffer.allocate(payloadLength);
            }
            payload.clear().limit(payloadLength);
            readFully(channel, payload, position + RECORD_HEADER_SIZE);
            payload.flip();
            crc.reset();
            crc.update(payload.duplicate());
            if ((int) crc.getValue() != expected) {
                return end == size ? position : tornTail(channel, file, position, size);
            }
            if (reader != null) {
                reader.record(position + RECORD_HEADER_SIZE, payloadLength);
            }
            position = end;
        }
        return position;
    }

    /**
     * A bad record at {@code position}: an interrupted last write if nothing but zeros follows it
     * (a crash may leave a file longer than what was written), damage otherwise.
     */
    private static long tornTail(FileChannel channel, Path file, long position, long size)
            throws IOException, StoreException {
        ByteBuffer rest = ByteBuffer.allocate(READ_CHUNK);
        for (long p = position + RECORD_HEADER_SIZE; p < size; p += rest.position()) {
            rest.clear();
            if (size - p < rest.capacity()) {
                rest.limit((int) (size - p));
            }
            if (readFully(channel, rest, p) == 0) {
                break;
            }
            for (int i = 0; i < rest.position(); i++) {
                if (rest.get(i) != 0) {
                    throw new StoreException("the store journal " + file + " is damaged at offset " + position
                            + ": a record fails its check and more data follows it. Refusing to open rather"
                            + " than lose answered changes; restore the data folder from a backup");
                }
            }
        }
        return position;
    }

    /** Reads until {@code buffer} is full or the file ends; returns how many bytes it holds. */
    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position() - start) < 0) {
                break;
            }
        }
        return buffer.position();
    }

    private static int writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            total += channel.write(buffer, position + total);
        }
        return total;
    }

    private static long newGeneration() {
        return new SecureRandom().nextLong();
    }
}
