package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.Dialect;
import dropvault.tls.ServerCredentials;
import dropvault.tls.ServerTrust;
import dropvault.tls.TlsClient;
import dropvault.tls.TlsProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's server and client over TLS, with no Java installed: every named dialect, the server's
 * identity recorded on first use and enforced after it, a man in the middle, a client without TLS
 * through socat, both TLS providers, and the wrong port on either side.
 */
class TlsIT {
    private static final Path IMAGE = Path.of(System.getProperty("dropvault.dist"));
    private static final Pattern PLAIN = Pattern.compile("dropvault listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern TLS = Pattern.compile("dropvault listening on 127\\.0\\.0\\.1:(\\d+) \\(tls\\)");
    private static final Pattern FINGERPRINT = Pattern.compile("certificate (SHA256:[A-Za-z0-9+/]{43})");
    private static final int IDENTITY_REFUSED = 7;
    private static final int CONNECTION = 4;

    @TempDir
    Path work;
    private NoJavaEnvironment noJava;
    private Path file;
    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Path bin = Files.createDirectories(work.resolve("empty-bin"));
        noJava = new NoJavaEnvironment(bin);
        file = work.resolve("notes.bin");
        byte[] bytes = new byte[200_000];
        new Random(7).nextBytes(bytes);
        Files.write(file, bytes);
    }

    @org.junit.jupiter.api.AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : started.reversed()) {
            c.close();
        }
    }

    /** A packaged server, its plain and TLS ports (0 when off) and the fingerprint it logged. */
    private record Server(Process process, Path data, Path logFile, int plainPort, int tlsPort, String fingerprint)
            implements AutoCloseable {
        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return e.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.toHandle().destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Server server(String name, Map<String, String> settings, String... options) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        Path config = dir.resolve("server.properties");
        StringBuilder text = new StringBuilder("bind=127.0.0.1\n");
        settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, text);
        List<String> command = new ArrayList<>(List.of(IMAGE.resolve("bin/dropvault-server").toString(),
                "--config", config.toString(), "--data", dir.resolve("data").toString()));
        if (!"false".equals(settings.get("plain.enabled"))) {
            command.addAll(List.of("--port", "0"));
        }
        command.addAll(List.of(options));
        if (!command.contains("--tls-port")) {
            command.addAll(List.of("--tls-port", "0"));
        }
        Path log = dir.resolve("server-stderr.txt");
        Process p = noJava.builder(command).directory(dir.toFile()).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        int plain = 0;
        int tls = 0;
        String line;
        while ((line = out.readLine()) != null) {
            Matcher t = TLS.matcher(line);
            Matcher m = PLAIN.matcher(line);
            if (t.matches()) {
                tls = Integer.parseInt(t.group(1));
                break;
            } else if (m.matches()) {
                plain = Integer.parseInt(m.group(1));
            } else {
                throw new AssertionError("unexpected output " + line);
            }
        }
        String err = Files.readString(log);
        assertTrue(tls > 0, () -> "no TLS listening line; stderr: " + err);
        Matcher f = FINGERPRINT.matcher(err);
        assertTrue(f.find(), err);
        Server s = new Server(p, dir.resolve("data"), log, plain, tls, f.group(1));
        started.add(s);
        return s;
    }

    private Server server(String name, String... options) throws Exception {
        return server(name, Map.of(), options);
    }

    private NoJavaEnvironment.Result client(Path dir, int port, String... options) throws Exception {
        return client(Map.of(), dir, port, options);
    }

    private NoJavaEnvironment.Result client(Map<String, String> env, Path dir, int port, String... options)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(IMAGE.resolve("bin/dropvault-client").toString(),
                "--server", "127.0.0.1:" + port, "--name", "c-" + dir.getFileName(), "--file", file.toString(),
                "--dir", dir.toString(), "--no-progress", "--timeout", "20"));
        command.addAll(List.of(options));
        NoJavaEnvironment.Result r = noJava.run(command, env);
        assertFalse(r.both().contains("\tat ") || r.both().contains("Exception"), "a stack trace: " + r.both());
        return r;
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList();
    }

    /** The stored files of this name under the data folder. */
    private static List<Path> stored(Path data, String name) throws IOException {
        try (Stream<Path> all = Files.walk(data.resolve("files"))) {
            return all.filter(p -> p.getFileName().toString().equals(name)).toList();
        }
    }

    @Test
    void everyDialectGoesThroughTlsAndTheFirstUseRecordsTheServer() throws Exception {
        Server s = server("server");
        for (Dialect d : Dialect.NAMED) {
            Path dir = work.resolve("client-" + d.name());
            NoJavaEnvironment.Result r = client(dir, s.tlsPort(), "--tls", "--dialect", d.name());
            assertEquals(0, r.status(), d.name() + ": " + r.both());
            assertEquals(List.of("127.0.0.1:" + s.tlsPort() + " " + s.fingerprint()), lines(dir.resolve("servers.info")));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("servers.info"))));
            assertTrue(r.output().contains("(first use)"), r.both());
        }
        List<Path> files = stored(s.data(), file.getFileName().toString());
        assertEquals(Dialect.NAMED.size(), files.size(), files.toString());
        for (Path p : files) {
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(p));
        }
        assertEquals(Dialect.NAMED.size(), s.log().lines().filter(l -> l.contains("result=stored")).count(), s.log());
        // the same client again: the recorded fingerprint matches, nothing more is recorded
        Path again = work.resolve("client-spec");
        NoJavaEnvironment.Result r = client(again, s.tlsPort(), "--tls");
        assertEquals(0, r.status(), r.both());
        assertFalse(r.both().contains("first use"), r.both());
        assertEquals(1, lines(again.resolve("servers.info")).size());
    }

    @Test
    void anotherCertificateOnTheSameAddressIsRefusedBeforeAnyProtocolByte() throws Exception {
        Server first = server("first");
        int port = first.tlsPort();
        Path dir = work.resolve("client");
        assertEquals(0, client(dir, port, "--tls").status());
        first.close();

        // another server, another key, on the same host:port
        Server second = server("second", "--tls-port", Integer.toString(port));
        assertNotEquals(first.fingerprint(), second.fingerprint());
        NoJavaEnvironment.Result r = client(dir, port, "--tls");
        assertEquals(IDENTITY_REFUSED, r.status(), r.both());
        String said = r.errors();
        assertTrue(said.contains("identity changed") && said.contains(first.fingerprint())
                && said.contains(second.fingerprint()) && said.contains("servers.info")
                && said.contains("--tls-fingerprint " + second.fingerprint()) && said.contains("nothing was sent"), said);
        assertEquals(1, said.strip().lines().count(), said);
        Await.until("the second server logs the refused handshake", () -> second.log().contains("TLS handshake failed"));
        assertFalse(second.log().contains("session peer="), second.log());
        assertEquals(List.of("127.0.0.1:" + port + " " + first.fingerprint()), lines(dir.resolve("servers.info")));

        // a pinned fingerprint is enforced, and accepting the new one knowingly brings servers.info up to date
        NoJavaEnvironment.Result wrongPin = client(dir, port, "--tls-fingerprint", first.fingerprint());
        assertEquals(IDENTITY_REFUSED, wrongPin.status(), wrongPin.both());
        assertTrue(wrongPin.errors().contains("not the pinned one"), wrongPin.both());
        NoJavaEnvironment.Result pinned = client(dir, port, "--tls-fingerprint", second.fingerprint());
        assertEquals(0, pinned.status(), pinned.both());
        assertEquals(List.of("127.0.0.1:" + port + " " + second.fingerprint()), lines(dir.resolve("servers.info")));
        assertEquals(0, client(dir, port, "--tls").status());
    }

    /**
     * A relay on loopback that terminates TLS with its own certificate and forwards to the real server:
     * the bytes of the protocol it receives from clients are counted.
     */
    private static final class Relay implements AutoCloseable {
        final SSLServerSocket socket;
        final ServerCredentials own = ServerCredentials.selfSigned("relay", Instant.now(), ServerCredentials.NO_EXPIRY);
        final AtomicLong fromClients = new AtomicLong();
        final AtomicLong connectionsEnded = new AtomicLong();
        private final int target;

        Relay(int target) throws Exception {
            this.target = target;
            SSLContext c = own.serverContext(TlsProvider.choose("jdk"));
            socket = (SSLServerSocket) c.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    Thread.ofVirtual().start(() -> relay((SSLSocket) s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void relay(SSLSocket client) {
            try (client) {
                client.startHandshake();
                Socket raw = new Socket("127.0.0.1", target);
                SSLContext toServer = TlsClient.context(TlsProvider.choose("jdk"), ServerTrust.fingerprint(Optional.empty()));
                try (SSLSocket server = TlsClient.handshake(raw, toServer, "127.0.0.1", target)) {
                    Thread back = Thread.ofVirtual().start(() -> pump(server, client, null));
                    pump(client, server, fromClients);
                    server.close();
                    back.join();
                }
            } catch (Exception e) {
                // the client refused the relay's certificate: the relay got nothing to forward
            } finally {
                connectionsEnded.incrementAndGet();
            }
        }

        private static void pump(Socket from, Socket to, AtomicLong count) {
            byte[] b = new byte[16384];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(b)) > 0) {
                    if (count != null) {
                        count.addAndGet(n);
                    }
                    out.write(b, 0, n);
                }
            } catch (IOException e) {
                // one side closed
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aManInTheMiddleIsRefusedBeforeItSeesAProtocolByte() throws Exception {
        Server s = server("server");
        Relay relay = new Relay(s.tlsPort());
        started.add(relay);
        // the client knows the real server's identity at the address the relay holds
        Path dir = Files.createDirectories(work.resolve("client"));
        Files.writeString(dir.resolve("servers.info"), "127.0.0.1:" + relay.port() + " " + s.fingerprint() + "\n");
        NoJavaEnvironment.Result r = client(dir, relay.port(), "--tls");
        assertEquals(IDENTITY_REFUSED, r.status(), r.both());
        assertTrue(r.errors().contains(relay.own.fingerprint()), r.both());
        Await.until("the relay's connection ends", () -> relay.connectionsEnded.get() == 1);
        assertEquals(0, relay.fromClients.get());
        assertFalse(s.log().contains("session peer="), s.log());

        // the relay does relay: a client told to trust it uploads through it, and the relay reads every byte
        Path fooled = work.resolve("fooled");
        NoJavaEnvironment.Result through = client(fooled, relay.port(), "--tls-fingerprint",
                relay.own.fingerprint());
        assertEquals(0, through.status(), through.both());
        assertTrue(relay.fromClients.get() > 200_000, "relayed " + relay.fromClients.get());
    }

    @Test
    void aClientWithoutTlsUploadsThroughSocatToTheTlsPort() throws Exception {
        Optional<Path> socat = Stream.of("/usr/bin/socat", "/bin/socat", "/usr/local/bin/socat").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        assertTrue(socat.isPresent(), "socat is not installed: install it (apt-get install socat); .ci/run does");
        Server s = server("tls-only", Map.of("plain.enabled", "false"), "--tls-port", "0");
        assertEquals(0, s.plainPort());
        int local;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            local = probe.getLocalPort();
        }
        Path socatLog = work.resolve("socat.txt");
        Process tunnel = new ProcessBuilder(socat.get().toString(), "-d", "-d",
                "TCP-LISTEN:" + local + ",bind=127.0.0.1,reuseaddr,fork",
                "OPENSSL:127.0.0.1:" + s.tlsPort() + ",verify=0").redirectErrorStream(true)
                .redirectOutput(socatLog.toFile()).start();
        started.add(() -> {
            tunnel.destroy();
            tunnel.waitFor(30, TimeUnit.SECONDS);
        });
        Await.until("socat listens", () -> read(socatLog).contains("listening on"));
        NoJavaEnvironment.Result r = client(work.resolve("plain-client"), local, "--dialect", "spec");
        assertEquals(0, r.status(), r.both() + "\nsocat: " + read(socatLog));
        List<Path> files = stored(s.data(), file.getFileName().toString());
        assertEquals(1, files.size());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(files.getFirst()));
        assertTrue(s.log().contains("session peer=/127.0.0.1:"), s.log());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void conscryptAndTheJdksTlsServeEachOther() throws Exception {
        Server conscrypt = server("conscrypt", Map.of("tls.provider", "conscrypt"), "--tls-port", "0");
        Server jdk = server("jdk", Map.of("tls.provider", "jdk"), "--tls-port", "0");
        assertTrue(conscrypt.log().contains("TLS 1.3 with conscrypt"), conscrypt.log());
        assertTrue(jdk.log().contains("TLS 1.3 with jdk"), jdk.log());
        Map<String, String> jdkClient = Map.of("DROPVAULT_JAVA_OPTS", "-Ddropvault.tls.provider=jdk");
        int run = 0;
        for (Server s : List.of(conscrypt, jdk)) {
            for (Map<String, String> env : List.of(Map.<String, String>of(), jdkClient)) {
                NoJavaEnvironment.Result r = client(env, work.resolve("client-" + run++), s.tlsPort(), "--tls",
                        "--dialect", "spec");
                assertEquals(0, r.status(), s.log() + env + r.both());
            }
        }
    }

    @Test
    void theWrongPortOnEitherSideIsAClearErrorAndTheServerKeepsServing() throws Exception {
        Server s = server("server", "--tls-port", "0");
        NoJavaEnvironment.Result plainOnTls = client(work.resolve("a"), s.tlsPort(), "--dialect", "spec");
        assertEquals(CONNECTION, plainOnTls.status(), plainOnTls.both());
        Await.until("the server logs the failed handshake", () -> s.log().contains("TLS handshake failed"));
        NoJavaEnvironment.Result tlsOnPlain = client(work.resolve("b"), s.plainPort(), "--tls");
        assertEquals(CONNECTION, tlsOnPlain.status(), tlsOnPlain.both());
        assertTrue(tlsOnPlain.errors().contains("does not speak TLS there"), tlsOnPlain.both());
        assertEquals(1, tlsOnPlain.errors().strip().lines().count(), tlsOnPlain.both());
        Await.until("the server logs the refused frame", () -> s.log().contains("result=bad frame"));
        assertEquals(0, client(work.resolve("c"), s.tlsPort(), "--tls").status());
        assertEquals(0, client(work.resolve("d"), s.plainPort()).status());
    }

    @Test
    void anExpiredOrMisnamedCertificateIsRefusedAndAnAuthorityIsTrusted() throws Exception {
        Instant past = Instant.now().minus(30, ChronoUnit.DAYS);
        Path expiredDir = Files.createDirectories(work.resolve("expired-pem"));
        write(expiredDir, ServerCredentials.selfSigned("127.0.0.1", past, past.plus(1, ChronoUnit.DAYS)));
        Server expired = server("expired", Map.of("tls.certificate", expiredDir.resolve("c.pem").toString(),
                "tls.private.key", expiredDir.resolve("k.pem").toString()), "--tls-port", "0");
        NoJavaEnvironment.Result r = client(work.resolve("a"), expired.tlsPort(), "--tls");
        assertEquals(IDENTITY_REFUSED, r.status(), r.both());
        assertTrue(r.errors().contains("expired on"), r.both());
        assertFalse(Files.exists(work.resolve("a/servers.info")));

        Path goodDir = Files.createDirectories(work.resolve("good-pem"));
        write(goodDir, ServerCredentials.selfSigned("127.0.0.1", Instant.now(), Instant.now().plus(2, ChronoUnit.DAYS)));
        Server good = server("good", Map.of("tls.certificate", goodDir.resolve("c.pem").toString(),
                "tls.private.key", goodDir.resolve("k.pem").toString()), "--tls-port", "0");
        NoJavaEnvironment.Result trusted = client(work.resolve("b"), good.tlsPort(), "--tls-ca",
                goodDir.resolve("c.pem").toString());
        assertEquals(0, trusted.status(), trusted.both());
        // the same certificate is not for another name of this machine
        NoJavaEnvironment.Result misnamed = noJava.run(List.of(IMAGE.resolve("bin/dropvault-client").toString(),
                "--server", "localhost:" + good.tlsPort(), "--name", "c-m", "--file", file.toString(), "--dir",
                work.resolve("m").toString(), "--tls-ca", goodDir.resolve("c.pem").toString()));
        assertEquals(IDENTITY_REFUSED, misnamed.status(), misnamed.both());
        assertTrue(misnamed.errors().contains("is not for localhost"), misnamed.both());
        // and another server's certificate does not verify with it
        NoJavaEnvironment.Result untrusted = client(work.resolve("c"), expired.tlsPort(), "--tls-ca",
                goodDir.resolve("c.pem").toString());
        assertEquals(IDENTITY_REFUSED, untrusted.status(), untrusted.both());
    }

    private static void write(Path dir, ServerCredentials c) throws IOException {
        Files.writeString(dir.resolve("c.pem"), ServerCredentials.pem(c.certificate()));
        Files.writeString(dir.resolve("k.pem"), ServerCredentials.pem(c.key()));
    }

    @Test
    void theTransferInfoFourthLineAsksForTls() throws Exception {
        Server s = server("server");
        Path dir = Files.createDirectories(work.resolve("cwd"));
        Files.writeString(dir.resolve("transfer.info"), "127.0.0.1:" + s.tlsPort() + "\nquinn\n" + file + "\ntls\n");
        NoJavaEnvironment.Result r = noJava.run(List.of("/bin/sh", "-c", "cd '" + dir + "' && exec '"
                + IMAGE.resolve("bin/dropvault-client") + "' --no-progress"));
        assertEquals(0, r.status(), r.both());
        assertEquals(List.of("127.0.0.1:" + s.tlsPort() + " " + s.fingerprint()), lines(dir.resolve("servers.info")));
    }
}
