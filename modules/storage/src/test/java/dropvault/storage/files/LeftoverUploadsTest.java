package dropvault.storage.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several servers on one data folder: a server starting removes only the leftovers of servers that are gone. */
class LeftoverUploadsTest {
    private static final ClientId CLIENT = ClientId.fromHex("00112233445566778899aabbccddeeff");
    private static final Duration STALE = Duration.ofHours(1);

    @TempDir
    Path data;

    @Test
    void removesWhatDeadOrVanishedServersLeftAndKeepsWhatLiveOnesWrite() throws Exception {
        long livePid = ProcessHandle.current().pid();
        Process exited = new ProcessBuilder("true").start();
        assertTrue(exited.waitFor(60, TimeUnit.SECONDS));
        long deadPid = exited.pid();

        DataFolderFileArea liveServer = new DataFolderFileArea(data, new UploadWriter("hosta", livePid));
        Path inFlight = liveServer.newTemporaryFile(CLIENT);
        Path folder = inFlight.getParent();
        assertTrue(inFlight.getFileName().toString().startsWith(".upload-hosta~" + livePid + "-"),
                inFlight.getFileName().toString());
        Path older = Files.write(folder.resolve(".upload-123.part"), new byte[1]);
        Path dead = Files.write(folder.resolve(".upload-hosta~" + deadPid + "-9.part"), new byte[1]);
        Path deadPrevious = Files.write(folder.resolve(".upload-hosta~" + deadPid + "-9.part.previous"), new byte[1]);
        Path otherHostFresh = Files.write(folder.resolve(".upload-hostb~" + livePid + "-7.part"), new byte[1]);
        Path otherHostStale = Files.write(folder.resolve(".upload-hostb~42-8.part"), new byte[1]);
        Files.setLastModifiedTime(otherHostStale, FileTime.from(Instant.now().minus(STALE).minusSeconds(60)));
        Path kept = Files.write(folder.resolve("kept.txt"), new byte[1]);

        DataFolderFileArea starting = new DataFolderFileArea(data, new UploadWriter("hosta", deadPid + 1_000_000));
        assertEquals(4, starting.removeLeftovers(STALE));
        assertEquals(Set.of(inFlight, otherHostFresh, kept), files(folder));
    }

    @Test
    void aServerRestartedUnderItsOldPidRemovesWhatItLeft() throws Exception {
        DataFolderFileArea before = new DataFolderFileArea(data, new UploadWriter("hosta", ProcessHandle.current().pid()));
        Path left = before.newTemporaryFile(CLIENT);
        DataFolderFileArea after = new DataFolderFileArea(data, new UploadWriter("hosta", ProcessHandle.current().pid()));
        assertEquals(1, after.removeLeftovers(STALE));
        assertTrue(Files.notExists(left));
    }

    @Test
    void theHostNameIsSafeInAFileName() {
        assertTrue(UploadWriter.hostName().matches("[A-Za-z0-9._]+"), UploadWriter.hostName());
    }

    private static Set<Path> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.collect(Collectors.toSet());
        }
    }
}
