package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.Thanks;
import dropvault.server.Server;
import dropvault.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many whole sessions at once (register, key, upload, 900), every file checked byte for byte. */
class ConcurrentSessionsTest {
    private static final int SESSIONS = 64;

    @TempDir
    Path data;

    @Test
    void sixtyFourSessionsAtOnce() throws Exception {
        Peer.Dialect[] dialects = {Peer.Dialect.STANDARD, Peer.Dialect.STANDARD.fromZero(),
                Peer.Dialect.STANDARD.withPadding(), Peer.Dialect.chunks("8192", 8192).totalFirst()};
        try (Store store = Server.openStore(TestServer.config(data));
             TestServer server = TestServer.start(data, store, Clock.systemUTC())) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Peer.Identity>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < SESSIONS; i++) {
                    int n = i;
                    results.add(pool.submit(() -> {
                        go.await();
                        try (TestClient c = server.connect()) {
                            Peer.Identity who = Peer.register(c, "concurrent " + n);
                            Peer.upload(c, who, "file " + n + ".bin", plain(n), dialects[n % dialects.length]);
                            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("file " + n + ".bin")));
                            assertEquals(who.id(), c.expect(Thanks.class).clientId());
                            return who;
                        }
                    }));
                }
                go.countDown();
            }
            for (int i = 0; i < SESSIONS; i++) {
                Peer.Identity who = results.get(i).get();
                assertArrayEquals(plain(i), Files.readAllBytes(server.clientFolder(who.id()).resolve("file " + i + ".bin")));
                assertTrue(store.file(who.id(), "file " + i + ".bin").orElseThrow().verified());
            }
            assertEquals(SESSIONS, store.clients().size());
            assertEquals(List.of(), server.temporaryFilesLeft());
        }
    }

    private static byte[] plain(int n) {
        return Peer.randomBytes(n, 5_000 + n * 1_531);
    }
}
