package dropvault.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the server keeps in its data folder (the store's files, the received files and their folders)
 * is its owner's only, whatever the umask: folders 0700, files 0600, set as they are created (as sshd
 * does with its host keys). On a file system without POSIX permissions every method does nothing
 * more than create. Shared by the server, the stores and their tools, which all require this module.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final FileAttribute<?>[] NONE = {};

    private OwnerOnly() {
    }

    /** Creates {@code dir} and its missing parents, each 0700; an existing folder is left as it is. */
    public static Path createFolders(Path dir) throws IOException {
        return posix(dir) ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER))
                : Files.createDirectories(dir);
    }

    /** The attributes that create a file 0600 (for {@code FileChannel.open} and {@code Files.createFile}). */
    public static FileAttribute<?>[] fileAttributes(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : NONE;
    }

    /** Creates the empty file {@code file}, 0600; fails when it exists. */
    public static Path createFile(Path file) throws IOException {
        return Files.createFile(file, fileAttributes(file));
    }

    /** Makes {@code file}, which this process has just created by other means, 0600 (before anything is in it). */
    public static void restrictFile(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /**
     * Takes every permission of the group and of others from {@code path} (a folder or a file, not
     * followed when a link); false when it had none or does not exist, true when it was tightened.
     */
    public static boolean tighten(Path path) throws IOException {
        if (!posix(path) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
            return false;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> owners = EnumSet.noneOf(PosixFilePermission.class);
        owners.addAll(now);
        owners.removeAll(GROUP_OR_OTHERS);
        if (owners.size() == now.size()) {
            return false;
        }
        Files.setPosixFilePermissions(path, owners);
        return true;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
