package dropvault.storage.mapdb.internal;

import dropvault.storage.OwnerOnly;
import dropvault.storage.StoreException;
import dropvault.storage.StoreInUseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The files of one store, all beside the MapDB file {@code NAME}: {@code NAME.journal} (the durable
 * truth, {@link Journal}), {@code NAME.clean} (present only while the MapDB file matches the
 * journal: written at a clean close, removed before the next change) and {@code NAME.lock} (held
 * while a process has the store open). All of them are the owner's only ({@link OwnerOnly}): created
 * so, and tightened at open when an earlier build (or a hand) left them readable to others.
 */
final class StoreFiles implements AutoCloseable {
    private static final int MARKER_SIZE = 16;

    /** What a clean close recorded: the MapDB file held the journal of this generation up to this length. */
    record CleanClose(long generation, long journalLength) {
        boolean matches(Journal journal) {
            return generation == journal.generation() && journalLength == journal.length();
        }
    }

    private final Path data;
    private final FileChannel lockChannel;

    private StoreFiles(Path data, FileChannel lockChannel) {
        this.data = data;
        this.lockChannel = lockChannel;
    }

    /** Takes the store's lock file, so that no other process opens the same store. */
    static StoreFiles lock(Path data) throws StoreException {
        Path lockFile = sibling(data, ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    OwnerOnly.fileAttributes(lockFile));
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new StoreInUseException("the store " + data + " is in use by another process (" + lockFile
                        + " is locked)");
            }
            return new StoreFiles(data, channel);
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel, e);
            throw new StoreException("cannot lock the store " + data + " (" + lockFile + "): " + e, e);
        } catch (StoreException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    Path data() {
        return data;
    }

    Path journal() {
        return sibling(data, ".journal");
    }

    /**
     * Takes the permissions of the group and of others from every file of the store that has them
     * (left by an earlier build or by hand); returns those it tightened.
     */
    List<Path> tighten() throws StoreException {
        List<Path> tightened = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(data.getParent(), data.getFileName() + "*")) {
            for (Path p : all) {
                if (OwnerOnly.tighten(p)) {
                    tightened.add(p);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot make the files of the store " + data + " owner-only: " + e, e);
        }
        return tightened;
    }

    /** Makes the MapDB file, which MapDB has just created, owner-only. */
    void restrictMapDbFile() throws StoreException {
        try {
            OwnerOnly.restrictFile(data);
        } catch (IOException e) {
            throw new StoreException("cannot make the MapDB file " + data + " owner-only: " + e, e);
        }
    }

    /**
     * Reads the clean-close marker and removes it for good: from now on the MapDB file changes, and
     * after a crash it must not be trusted. Empty when there was no valid marker.
     */
    Optional<CleanClose> takeCleanMarker() throws StoreException {
        Path marker = sibling(data, ".clean");
        try {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(marker);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            Files.delete(marker);
            forceFolder(marker);
            if (bytes.length != MARKER_SIZE) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            return Optional.of(new CleanClose(b.getLong(), b.getLong()));
        } catch (IOException e) {
            throw new StoreException("cannot read or remove the clean-close marker " + marker + ": " + e, e);
        }
    }

    /** Says that the MapDB file, closed and forced to disk, holds exactly the journal's records. */
    void putCleanMarker(long generation, long journalLength) throws IOException {
        Path marker = sibling(data, ".clean");
        Path temporary = sibling(data, ".clean.tmp");
        try (FileChannel out = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), OwnerOnly.fileAttributes(temporary))) {
            ByteBuffer b = ByteBuffer.allocate(MARKER_SIZE).putLong(generation).putLong(journalLength).flip();
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(true);
        }
        Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE);
        forceFolder(marker);
    }

    /** Deletes the MapDB file and what MapDB keeps beside it ({@code NAME.wal.N}), to rebuild it. */
    void deleteMapDbFiles() throws StoreException {
        try {
            Files.deleteIfExists(data);
            try (DirectoryStream<Path> wal = Files.newDirectoryStream(data.getParent(), data.getFileName() + ".wal.*")) {
                for (Path p : wal) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot remove the MapDB file " + data + " to rebuild it: " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        lockChannel.close();
    }

    /** Makes a rename or a removal in the folder of {@code file} durable. */
    static void forceFolder(Path file) throws IOException {
        try (FileChannel folder = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
    }

    private static Path sibling(Path data, String suffix) {
        return data.resolveSibling(data.getFileName() + suffix);
    }

    /** Closes {@code channel} if there is one; a failure to close is added to {@code failure}. */
    static void closeQuietly(FileChannel channel, Throwable failure) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
