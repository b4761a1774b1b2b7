package dropvault.storage.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.protocol.ClientId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file area's folders are 0700 and its temporary files 0600 whatever this JVM's umask; an open data folder is tightened. */
class DataFolderPermissionsTest {
    @TempDir
    Path data;

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void foldersAre0700AndTemporaryFiles0600() throws Exception {
        DataFolderFileArea area = new DataFolderFileArea(data.resolve("data"), new UploadWriter("host", 1));
        ClientId id = ClientId.fromHex("00112233445566778899aabbccddeeff");
        Path temporary = area.newTemporaryFile(id);
        assertEquals("rw-------", permissions(temporary));
        assertEquals("rwx------", permissions(temporary.getParent()));
        assertEquals("rwx------", permissions(data.resolve("data/files")));
        assertEquals("rwx------", permissions(data.resolve("data")));
        Files.write(temporary.resolveSibling("x.txt"), new byte[1]);
        String version = area.keepAsVersion(area.target(id, dropvault.protocol.NameField.of("x.txt")), Instant.EPOCH);
        assertEquals("rwx------", permissions(data.resolve("data").resolve(version).getParent()));
    }

    @Test
    void anOpenDataFolderAndItsFilesFolderAreTightened() throws Exception {
        DataFolderFileArea area = new DataFolderFileArea(data, new UploadWriter("host", 1));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("files"), PosixFilePermissions.fromString("rwxr-x---"));
        assertEquals(List.of(data.toAbsolutePath(), data.resolve("files").toAbsolutePath()), area.tighten());
        assertEquals("rwx------", permissions(data));
        assertEquals(List.of(), area.tighten());
    }
}
