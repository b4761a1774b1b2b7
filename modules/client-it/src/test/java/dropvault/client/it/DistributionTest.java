package dropvault.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's bin/dropvault-client, run like the original client (no arguments, a
 * transfer.info in its working directory), against bin/dropvault-server; both as processes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DistributionTest {
    private static final Pattern LISTENING = Pattern.compile("dropvault listening on ([^ ]+):(\\d+)");
    private static final long MIB = 1 << 20;

    @TempDir
    static Path serverDir;
    static Path dataDir;
    static Process server;
    static int port;

    @TempDir
    Path tmp;
    Path clientDir;

    private static Path dist() {
        return Path.of(System.getProperty("dropvault.distribution"));
    }

    @BeforeAll
    static void startServer() throws Exception {
        dataDir = serverDir.resolve("data");
        server = new ProcessBuilder(dist().resolve("bin/dropvault-server").toString(), "--port", "0", "--bind",
                "127.0.0.1", "--data", dataDir.toString())
                .directory(serverDir.toFile())
                .redirectError(serverDir.resolve("server.log").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = LISTENING.matcher(line == null ? "" : line);
        assertTrue(m.find(), () -> "the server did not start: " + line + "\n" + read(serverDir.resolve("server.log")));
        port = Integer.parseInt(m.group(2));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server == null) {
            return;
        }
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    @BeforeEach
    void clientFolder() throws IOException {
        clientDir = Files.createDirectories(tmp.resolve("client"));
    }

    private record Run(int exit, String out, String err) {
    }

    /** bin/dropvault-client with {@code args} in the client folder, its heap capped at 64 MiB. */
    private Run client(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(dist().resolve("bin/dropvault-client").toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("client.out");
        Path err = tmp.resolve("client.err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(clientDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("DROPVAULT_JAVA_OPTS", "-Xmx64m -XshowSettings:vm");
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the client did not finish: " + read(err));
        }
        Run r = new Run(p.exitValue(), read(out), read(err));
        assertTrue(r.err().contains("Max. Heap Size: 64.00M"), r::toString);
        return r;
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void transferInfo(String name, String file) throws IOException {
        Files.writeString(clientDir.resolve("transfer.info"), "127.0.0.1:" + port + "\n" + name + "\n" + file + "\n");
    }

    private String clientId() throws IOException {
        return Files.readAllLines(clientDir.resolve("me.info")).get(1);
    }

    private Path stored(String name) throws IOException {
        return dataDir.resolve("files").resolve(clientId()).resolve(name);
    }

    @Test
    void firstRunRegistersSecondRunReconnects() throws Exception {
        Path file = clientDir.resolve("notes.txt");
        Files.write(file, "the quick brown fox\n".repeat(500).getBytes(StandardCharsets.US_ASCII));
        transferInfo("alice", "notes.txt");

        Run first = client();

        assertEquals(0, first.exit(), first::toString);
        assertTrue(first.out().contains("registered as " + clientId()), first::toString);
        for (String f : List.of("me.info", "priv.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(clientDir.resolve(f))), f);
        }
        assertEquals("alice", Files.readAllLines(clientDir.resolve("me.info")).getFirst());
        assertEquals(-1, Files.mismatch(file, stored("notes.txt")));

        Files.writeString(file, "changed\n");
        Run second = client();

        assertEquals(0, second.exit(), second::toString);
        assertTrue(second.out().contains("reconnected as " + clientId()), second::toString);
        assertEquals(-1, Files.mismatch(file, stored("notes.txt")));
    }

    @Test
    void a100MiBFileWithTheClientsHeapCappedAt64MiB() throws Exception {
        Path file = clientDir.resolve("big.bin");
        Random random = new Random(100);
        byte[] block = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 100; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        transferInfo("bob", "big.bin");

        Run r = client();

        assertEquals(0, r.exit(), r::toString);
        assertTrue(!r.err().contains("MiB/s"), "no progress bar when stderr is not a terminal: " + r.err());
        assertEquals(100 * MIB, Files.size(stored("big.bin")));
        assertEquals(-1, Files.mismatch(file, stored("big.bin")), "the stored copy differs");

        Run back = client("get", "big.bin", "-o", "back.bin");

        assertEquals(0, back.exit(), back::toString);
        assertEquals(-1, Files.mismatch(file, clientDir.resolve("back.bin")), "the download differs");
    }

    @Test
    void everySizeClassAndVersionComesBackThroughTheImage() throws Exception {
        int[] sizes = {0, 1, 15, 16, 17, 1023, 1024, 1025, 65535, 65536, 65537, 3 * 65536 + 5, (int) MIB + 3};
        List<String> send = new java.util.ArrayList<>(List.of("send"));
        for (int size : sizes) {
            byte[] b = new byte[size];
            new Random(size).nextBytes(b);
            Files.write(clientDir.resolve("s" + size), b);
            send.add("s" + size);
        }
        Files.writeString(clientDir.resolve("v.txt"), "first\n");
        send.add("v.txt");
        transferInfo("carol", "v.txt");
        Run sent = client(send.toArray(String[]::new));
        assertEquals(0, sent.exit(), sent::toString);
        Files.writeString(clientDir.resolve("v.txt"), "second\n");
        assertEquals(0, client("send", "v.txt").exit());

        Run list = client("list");

        assertEquals(0, list.exit(), list::toString);
        assertEquals(1 + sizes.length + 2, list.out().lines().count(), list::toString);
        for (int size : sizes) {
            Run get = client("get", "s" + size, "-o", "back-" + size);
            assertEquals(0, get.exit(), get::toString);
            assertEquals(-1, Files.mismatch(clientDir.resolve("s" + size), clientDir.resolve("back-" + size)),
                    "size " + size);
        }
        assertEquals(0, client("get", "v.txt", "--version", "1", "-o", "v1").exit());
        assertEquals("first\n", Files.readString(clientDir.resolve("v1")));
        Run exists = client("get", "v.txt", "-o", "v1");
        assertEquals(3, exists.exit(), exists::toString);
        assertEquals("first\n", Files.readString(clientDir.resolve("v1")));
        Run none = client("get", "v.txt", "--version", "9", "-o", "v9");
        assertEquals(9, none.exit(), none::toString);
        assertTrue(Files.notExists(clientDir.resolve("v9")));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> clientDialects() {
        return java.util.stream.Stream.of(
                dialect("spec", "--dialect", "spec"),
                dialect("seed", "--dialect", "seed"),
                dialect("padded", "--dialect", "padded"),
                dialect("per-packet", "--dialect", "per-packet"),
                dialect("per-packet-unpadded", "--dialect", "per-packet-unpadded"),
                dialect("zero-filled", "--dialect", "zero-filled"),
                dialect("from-0", "--first-packet", "0"),
                dialect("swapped", "--swapped"),
                dialect("spec", "--chunk", "8192"),
                dialect("spec", "--split-writes"),
                dialect("unpadded-names", "--unpadded-names"),
                dialect("per-packet+packet-size", "--per-packet", "--packet-content-size"),
                dialect("per-packet+zero-filled+extra-packet", "--per-packet", "--zero-fill", "--extra-packet"),
                dialect("from-0+per-packet+swapped", "--dialect", "per-packet", "--first-packet", "0"));
    }

    private static org.junit.jupiter.params.provider.Arguments dialect(String seen, String... args) {
        return org.junit.jupiter.params.provider.Arguments.of(String.join(" ", args), seen, args);
    }

    /** Each client behaviour of PROTOCOL.md §8: the packaged server stores the file byte for byte and logs the dialect. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("clientDialects")
    void everyClientDialectIsStoredByteForByte(String label, String seen, String[] args) throws Exception {
        Path file = clientDir.resolve("d.bin");
        byte[] plain = new byte[5000 + label.length()];
        new Random(label.hashCode()).nextBytes(plain);
        Files.write(file, plain);
        String name = "d-" + Integer.toHexString(label.hashCode());
        List<String> all = new java.util.ArrayList<>(List.of("--server", "127.0.0.1:" + port, "--name", name,
                "--file", "d.bin"));
        all.addAll(List.of(args));

        Run r = client(all.toArray(String[]::new));

        assertEquals(0, r.exit(), r::toString);
        assertEquals(-1, Files.mismatch(file, stored("d.bin")), "the stored copy differs");
        String id = clientId();
        String line = awaitLogLine("client=" + id + " file=d.bin");
        assertTrue(line.contains("result=stored") && line.endsWith(" dialect=" + seen), line);
    }

    /** The server's session line naming {@code what}: it is logged when the connection ends. */
    private static String awaitLogLine(String what) throws Exception {
        Path log = serverDir.resolve("server.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (java.nio.file.WatchService watch = log.getFileSystem().newWatchService()) {
            serverDir.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY);
            while (System.nanoTime() < deadline) {
                for (String l : Files.readAllLines(log)) {
                    if (l.contains(what)) {
                        return l.strip();
                    }
                }
                // woken when the server writes to its log (looked at again at least every 100 ms)
                java.nio.file.WatchKey key = watch.poll(100, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        throw new AssertionError("no session line with " + what + " in 30 s:\n" + read(serverDir.resolve("server.log")));
    }

    @Test
    void failuresEndTheProcessWithTheirExitStatus() throws Exception {
        Run usage = client("--chunk", "7");
        assertEquals(2, usage.exit(), usage::toString);
        assertTrue(usage.err().contains("--chunk"), usage::toString);

        Files.writeString(clientDir.resolve("f.txt"), "x");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Run noServer = client("--server", "127.0.0.1:" + closedPort, "--name", "alice", "--file", "f.txt");
        assertEquals(4, noServer.exit(), noServer::toString);
        assertTrue(noServer.err().contains("Fatal: cannot connect"), noServer::toString);
    }
}
