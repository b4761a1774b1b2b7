package dropvault.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders 0700 and files 0600 whatever this JVM's umask (022 on CI, as root); tightening takes group and others' bits. */
class OwnerOnlyTest {
    @TempDir
    Path dir;

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createsFoldersAndTheirParents0700AndFiles0600() throws Exception {
        Path deep = OwnerOnly.createFolders(dir.resolve("a/b"));
        assertEquals("rwx------", permissions(dir.resolve("a")));
        assertEquals("rwx------", permissions(deep));
        assertEquals("rw-------", permissions(OwnerOnly.createFile(deep.resolve("f"))));
        Path opened = deep.resolve("g");
        FileChannel.open(opened, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                OwnerOnly.fileAttributes(opened)).close();
        assertEquals("rw-------", permissions(opened));
    }

    @Test
    void tightensWhatGroupOrOthersCouldReachAndLeavesTheOwnersBits() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.createFile(folder.resolve("f"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--rw-r--"));
        assertTrue(OwnerOnly.tighten(folder));
        assertTrue(OwnerOnly.tighten(file));
        assertEquals("rwx------", permissions(folder));
        assertEquals("r--------", permissions(file));
        assertFalse(OwnerOnly.tighten(file), "nothing left to take");
        assertFalse(OwnerOnly.tighten(folder.resolve("missing")));
    }
}
