package dropvault.launcher;

import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.Thanks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged distribution: bin/dropvault-server runs, serves a whole session, and stops cleanly on SIGTERM. */
class DistributionIT {
    private static final Pattern LISTENING = Pattern.compile("dropvault listening on (\\S+):(\\d+)");
    private static final Path DIST = Path.of(System.getProperty("dropvault.dist", "target/dropvault"));

    @TempDir
    Path work;

    private Process start(String... args) throws Exception {
        return startWith(null, args);
    }

    private Process startWith(String javaOptions, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(DIST.resolve("bin/dropvault-server").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectError(work.resolve("stderr.txt").toFile());
        if (javaOptions != null) {
            pb.environment().put("DROPVAULT_JAVA_OPTS", javaOptions);
        }
        return pb.start();
    }

    /** Reads the one stdout line and returns the port it names. */
    private int listeningPort(BufferedReader out) throws Exception {
        String line = out.readLine();
        assertTrue(line != null, () -> "no output; stderr: " + stderrQuietly());
        Matcher m = LISTENING.matcher(line);
        assertTrue(m.matches(), line);
        assertEquals("127.0.0.1", m.group(1));
        return Integer.parseInt(m.group(2));
    }

    private String stderr() throws Exception {
        return Files.readString(work.resolve("stderr.txt"));
    }

    @Test
    void theLayoutIsComplete() {
        for (String f : List.of("bin/dropvault-server", "bin/dropvault-client", "conf/server.properties",
                "conf/logging.properties", "lib/modules", "plugins")) {
            assertTrue(Files.exists(DIST.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(DIST.resolve("bin/dropvault-server")));
        assertTrue(Files.isExecutable(DIST.resolve("bin/dropvault-client")));
    }

    @Test
    void servesAWholeSessionAndStopsWithStatus0OnSigterm() throws Exception {
        Process server = start("--port", "0", "--bind", "127.0.0.1", "--data", work.resolve("data").toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = listeningPort(out);

            byte[] plain = Peer.randomBytes(7, 100_000);
            Peer.Identity who;
            try (TestClient c = new TestClient(new InetSocketAddress("127.0.0.1", port))) {
                who = Peer.register(c, "distribution");
                Peer.upload(c, who, "dist.bin", plain, Peer.Dialect.STANDARD);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("dist.bin")));
                c.expect(Thanks.class);
            }
            assertArrayEquals(plain, Files.readAllBytes(work.resolve("data/files").resolve(who.id().hex())
                    .resolve("dist.bin")));

            // SIGTERM; ProcessHandle leaves the pipes open so the rest of stdout can be read
            server.toHandle().destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM");
            assertEquals(0, server.exitValue(), this::stderrQuietly);
            assertEquals(null, out.readLine(), "exactly one line on stdout");
            String log = stderr();
            assertTrue(log.contains("client=" + who.id().hex() + " file=dist.bin bytes=100000 result=stored"), log);
            assertTrue(log.contains("dropvault stopped"), log);
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aFileTwiceTheHeapStreamsThroughAServerWithA32MiBHeap() throws Exception {
        storesThroughA32MiBHeap(new Peer.StreamedFile(64L << 20, 11), Peer::uploadStreamed);
    }

    @Test
    void aGibibyteInOnePacketStreamsThroughAServerWithA32MiBHeap() throws Exception {
        storesThroughA32MiBHeap(new Peer.StreamedFile(1L << 30, 12), Peer::uploadAsOnePacket);
    }

    /** How a test sends a file too large to hold. */
    @FunctionalInterface
    private interface Upload {
        long send(TestClient c, Peer.Identity who, String fileName, Peer.StreamedFile file) throws Exception;
    }

    /** {@code file} sent by {@code upload} to the packaged server with a 32 MiB heap, confirmed and stored byte for byte. */
    private void storesThroughA32MiBHeap(Peer.StreamedFile file, Upload upload) throws Exception {
        Process server = startWith("-Xmx32m", "--port", "0", "--bind", "127.0.0.1", "--data",
                work.resolve("data").toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = listeningPort(out);
            Peer.Identity who;
            try (TestClient c = new TestClient(new InetSocketAddress("127.0.0.1", port))) {
                who = Peer.register(c, "big file");
                upload.send(c, who, "big.bin", file);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("big.bin")));
                c.expect(Thanks.class);
            }
            Path stored = work.resolve("data/files").resolve(who.id().hex()).resolve("big.bin");
            assertEquals(file.size, Files.size(stored));
            try (var in = new java.io.BufferedInputStream(Files.newInputStream(stored))) {
                file.forEachBlock(block -> assertArrayEquals(block, in.readNBytes(block.length)));
            }
            server.toHandle().destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue(), this::stderrQuietly);
        } finally {
            server.destroyForcibly();
        }
    }

    /** The client in the wild that never sends 900: it closes after a matching 1603, and resends without 901. */
    @Test
    void aClientThatNeverConfirmsHasItsLastUploadKeptUnconfirmed() throws Exception {
        Process server = start("--port", "0", "--bind", "127.0.0.1", "--data", work.resolve("data").toString());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            int port = listeningPort(out);
            byte[] last = Peer.randomBytes(31, 5000);
            Peer.Identity who;
            try (TestClient c = new TestClient(new InetSocketAddress("127.0.0.1", port))) {
                who = Peer.register(c, "never confirms");
                Peer.upload(c, who, "u.bin", Peer.randomBytes(30, 5000), Peer.Dialect.STANDARD);
                Peer.upload(c, who, "u.bin", last, Peer.Dialect.STANDARD);
            }
            server.toHandle().destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue(), this::stderrQuietly);
            assertArrayEquals(last, Files.readAllBytes(work.resolve("data/files").resolve(who.id().hex())
                    .resolve("u.bin")));
            String log = stderr();
            assertTrue(log.contains("client=" + who.id().hex() + " file=u.bin bytes=5000 result=kept unconfirmed"), log);
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void aUsageErrorExitsWith2() throws Exception {
        Process bad = start("--no-such-option");
        bad.getInputStream().readAllBytes();
        assertEquals(2, bad.waitFor());
        assertTrue(stderr().contains("dropvault-server:"), stderr());
    }

    private String stderrQuietly() {
        try {
            return stderr();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
