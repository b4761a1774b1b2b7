package dropvault.bench.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.crypto.Cksum;
import dropvault.testing.server.RealServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dropvault-bench against the real server, started in the test on an ephemeral port. */
class BenchAgainstRealServerTest {
    private static final Pattern THROUGHPUT = Pattern.compile("throughput: [0-9.]+ sessions/s, [0-9.]+ MB/s");
    private static final Pattern LATENCY = Pattern.compile("latency: p50 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms");

    @TempDir
    Path dir;

    private static String address(RealServer server) {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void fewClientsDoFullSessionsAndTheServerStoresEveryFileIntact() throws Exception {
        try (RealServer server = RealServer.start(dir)) {
            Bench b = Bench.run("--server", address(server), "--clients", "4", "--sessions", "3", "--size", "3000");

            assertEquals(0, b.status(), b.toString());
            assertTrue(b.out().contains("sessions: 12 ok, 0 failed"), b.toString());
            assertTrue(THROUGHPUT.matcher(b.out()).find(), b.toString());
            assertTrue(LATENCY.matcher(b.out()).find(), b.toString());
            assertTrue(b.out().contains("failures: none"), b.toString());
            assertTrue(b.out().contains("result: ok"), b.toString());

            List<Path> stored = server.storedFiles();
            assertEquals(12, stored.size(), stored.toString());
            byte[] expected = new byte[3000];
            Plaintext plaintext = new Plaintext(3000, LoadRun.FILE_SEED);
            plaintext.copy(0, expected, 0, expected.length);
            assertEquals(Cksum.of(expected), plaintext.cksum());
            for (Path p : stored) {
                assertArrayEquals(expected, Files.readAllBytes(p), p.toString());
            }
        }
    }

    @Test
    void aFileOfManyPacketsIsSentByTheSenderThreadAndStoredIntact() throws Exception {
        for (String dialect : List.of("spec", "seed", "padded", "from-0+swapped")) {
            try (RealServer server = RealServer.start(dir.resolve(dialect))) {
                Bench b = Bench.run("--server", address(server), "--clients", "2", "--sessions", "2", "--size", "200001",
                        "--packet", "1024", "--dialect", dialect);

                assertEquals(0, b.status(), b.toString());
                assertTrue(b.out().contains("sessions: 4 ok, 0 failed"), b.toString());
                byte[] expected = new byte[200001];
                new Plaintext(expected.length, LoadRun.FILE_SEED).copy(0, expected, 0, expected.length);
                List<Path> stored = server.storedFiles();
                assertEquals(4, stored.size(), "each session registers a client of its own: " + stored);
                for (Path p : stored) {
                    assertArrayEquals(expected, Files.readAllBytes(p), p.toString());
                }
            }
        }
    }

    /** The JDK's cipher writes into heap frames (OpenSSL's, the default here, into direct ones): the same files. */
    @Test
    void heapFramesOfEveryDialectStoreTheFileIntact() throws Exception {
        for (String name : List.of("spec", "seed", "from-0+swapped")) {
            dropvault.protocol.Dialect dialect = dropvault.protocol.Dialect.parse(name).orElseThrow();
            try (RealServer server = RealServer.start(dir.resolve("heap-" + name))) {
                int size = 200_001;
                BenchSettings settings = new BenchSettings("127.0.0.1", server.port(), 2, 2, size, 1024, dialect, false, 0,
                        0, java.time.Duration.ofSeconds(60));
                LoadRun run = new LoadRun(settings, dropvault.crypto.CryptoSuites.jdk());
                run.prepare();
                assertEquals(4, run.phase("t", 2).succeeded(), run.failures().toString());
                byte[] expected = new byte[size];
                new Plaintext(size, LoadRun.FILE_SEED).copy(0, expected, 0, size);
                List<Path> stored = server.storedFiles();
                assertEquals(4, stored.size(), stored.toString());
                for (Path p : stored) {
                    assertArrayEquals(expected, Files.readAllBytes(p), p.toString());
                }
            }
        }
    }

    @Test
    void manyPacketsWarmUpAndIdleConnections() throws Exception {
        try (RealServer server = RealServer.start(dir)) {
            Bench b = Bench.run("--server", address(server), "--clients", "2", "--sessions", "2", "--size", "5000",
                    "--packet", "64", "--warmup", "1", "--idle", "5");

            assertEquals(0, b.status(), b.toString());
            assertTrue(b.out().contains("64-byte packets"), b.toString());
            assertTrue(b.out().contains("warm-up: 2 sessions"), b.toString());
            assertTrue(b.out().contains("sessions: 4 ok, 0 failed"), b.toString());
            assertTrue(b.out().contains("idle connections: 5 asked, 5 opened, 5 still open at the end"), b.toString());
            assertEquals(6, server.storedFiles().size());
        }
    }

    @Test
    void seedDialect() throws Exception {
        try (RealServer server = RealServer.start(dir)) {
            Bench b = Bench.run("--server", address(server), "--clients", "2", "--sessions", "2", "--size", "2500",
                    "--dialect", "seed");

            assertEquals(0, b.status(), b.toString());
            assertTrue(b.out().contains("sessions: 4 ok, 0 failed"), b.toString());
        }
    }

    @Test
    void keepConnection() throws Exception {
        try (RealServer server = RealServer.start(dir)) {
            Bench b = Bench.run("--server", address(server), "--clients", "2", "--sessions", "3", "--size", "100",
                    "--keep-connection");

            assertEquals(0, b.status(), b.toString());
            assertTrue(b.out().contains("one connection per client"), b.toString());
            assertTrue(b.out().contains("sessions: 6 ok, 0 failed"), b.toString());
        }
    }

    @Test
    void emptyFile() throws Exception {
        try (RealServer server = RealServer.start(dir)) {
            Bench b = Bench.run("--server", address(server), "--clients", "1", "--sessions", "2", "--size", "0");

            assertEquals(0, b.status(), b.toString());
            assertTrue(b.out().contains("sessions: 2 ok, 0 failed"), b.toString());
        }
    }

    @Test
    void sessionsTheServerRefusesAreCountedByKindAndExitNonZero() throws Exception {
        try (RealServer server = RealServer.start(dir, 100)) {
            Bench b = Bench.run("--server", address(server), "--clients", "3", "--sessions", "2", "--size", "1k");

            assertEquals(1, b.status(), b.toString());
            assertTrue(b.out().contains("sessions: 0 ok, 6 failed"), b.toString());
            assertTrue(Pattern.compile("\\s6\\s+828 answered 1607").matcher(b.out()).find(), b.toString());
            assertTrue(b.out().contains("result: FAILED"), b.toString());
            assertEquals(0, server.storedFiles().size());
        }
    }
}
