package dropvault.client.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files that hold secrets: readable and writable by the owner only, from their first byte. */
final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** Makes {@code dir} and its missing parents, owner-only where the file system has POSIX permissions. */
    static void createFolder(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Replaces {@code target} with {@code content} atomically, owner-only. */
    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = createOwnerOnly(dir, target.getFileName() + ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path createOwnerOnly(Path dir, String name) throws IOException {
        Path tmp = dir.resolve(name);
        Files.deleteIfExists(tmp);
        try {
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                return Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_RW));
            }
            Files.createFile(tmp);
            var f = tmp.toFile();
            boolean restricted = f.setReadable(false, false) & f.setReadable(true, true)
                    & f.setWritable(false, false) & f.setWritable(true, true);
            if (!restricted) {
                throw new IOException("cannot make " + tmp + " owner-only");
            }
            return tmp;
        } catch (FileAlreadyExistsException e) {
            throw new IOException(tmp + " appeared while it was being written", e);
        }
    }
}
