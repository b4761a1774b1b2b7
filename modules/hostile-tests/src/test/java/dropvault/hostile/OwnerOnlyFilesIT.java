package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.NameField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server started under {@code umask 022} keeps its data folder its owner's only: the
 * folders 0700, the store's files and the received files 0600; a data folder an earlier build left
 * readable to others is tightened at start, with a line in the log.
 */
class OwnerOnlyFilesIT {
    @TempDir
    Path work;

    @Test
    void underUmask022EveryFolderIs0700AndEveryFile0600AfterAnUpload() throws Exception {
        Path data = work.resolve("data");
        Client.Identity who;
        try (ServerProcess server = ServerProcess.start(new ServerProcess.Options(work, data).umask("022"))) {
            try (Wire w = new Wire(server.address())) {
                who = Client.register(w, "private");
                Client.store(w, who, NameField.utf8("secret.txt"), Client.randomBytes(1, 3000));
                // a second upload of the name keeps the first as a version
                Client.store(w, who, NameField.utf8("secret.txt"), Client.randomBytes(2, 3000));
            }
            assertEquals(0, server.stop());
        }
        Path client = data.resolve("files").resolve(who.id().hex());
        for (Path folder : new Path[] {data, data.resolve("files"), client, client.resolve(".versions")}) {
            assertEquals("rwx------", permissions(folder), folder.toString());
        }
        for (String store : new String[] {"store.db", "store.db.journal", "store.db.lock", "store.db.clean"}) {
            assertEquals("rw-------", permissions(data.resolve(store)), store);
        }
        assertEquals("rw-------", permissions(client.resolve("secret.txt")));
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : all.toList()) {
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", permissions(p), p.toString());
            }
        }
    }

    @Test
    void aDataFolderReadableByOthersIsTightenedAtStart() throws Exception {
        Path data = work.resolve("data");
        try (ServerProcess server = ServerProcess.start(new ServerProcess.Options(work, data).umask("022"))) {
            try (Wire w = new Wire(server.address())) {
                Client.register(w, "before");
            }
            assertEquals(0, server.stop());
        }
        // as an earlier build left it under umask 022
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("files"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("store.db.journal"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data.resolve("store.db"), PosixFilePermissions.fromString("rw-r--r--"));
        try (ServerProcess server = ServerProcess.start(new ServerProcess.Options(work, data).umask("022"))) {
            assertEquals("rwx------", permissions(data));
            assertEquals("rwx------", permissions(data.resolve("files")));
            assertEquals("rw-------", permissions(data.resolve("store.db.journal")));
            assertEquals("rw-------", permissions(data.resolve("store.db")));
            String log = server.log();
            assertTrue(log.contains("owner-only") && log.contains("store.db.journal"), log);
            assertTrue(log.contains("made [" + data), log);
            assertEquals(0, server.stop());
        }
    }

    private static String permissions(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
