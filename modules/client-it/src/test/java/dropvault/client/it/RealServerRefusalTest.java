package dropvault.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.client.UploadClient;
import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.client.UploadListener;
import dropvault.crypto.CryptoSuites;
import dropvault.testing.server.RealServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retry rule of PROTOCOL.md §5 against the real server: a file it refuses gets 1607 three times, then Fatal. */
class RealServerRefusalTest {
    @TempDir
    Path tmp;

    @Test
    void aFileTheServerRefusesIsTriedThreeTimesOnNewConnectionsThenFatal() throws Exception {
        Path clientDir = Files.createDirectories(tmp.resolve("client"));
        Path file = Files.write(clientDir.resolve("too-big.bin"), new byte[300_000]);
        List<String> serverErrors = new CopyOnWriteArrayList<>();
        List<String> infos = new CopyOnWriteArrayList<>();
        UploadListener listener = new UploadListener() {
            @Override
            public void serverError(String detail) {
                serverErrors.add(detail);
            }

            @Override
            public void info(String message) {
                infos.add(message);
            }
        };

        try (RealServer server = RealServer.start(tmp.resolve("data"), 100_000)) {
            UploadConfig config = UploadConfig.of("127.0.0.1", server.port(), "refused", file, clientDir)
                    .withTimeout(Duration.ofSeconds(20));
            UploadException e = assertThrows(UploadException.class,
                    () -> new UploadClient(config, CryptoSuites.jdk(), listener).upload());

            assertEquals(UploadException.Failure.SERVER, e.failure(), e::getMessage);
            assertEquals(3, serverErrors.size(), serverErrors::toString);
            assertTrue(serverErrors.stream().allMatch(s -> s.contains("answered 1607")), serverErrors::toString);
            assertEquals(2, infos.stream().filter(s -> s.startsWith("reconnected as")).count(), infos::toString);
            String id = Files.readAllLines(clientDir.resolve("me.info")).get(1);
            assertFalse(server.filesOf(id).stream().anyMatch(p -> true), "nothing is left in the data folder");
        }
    }
}
