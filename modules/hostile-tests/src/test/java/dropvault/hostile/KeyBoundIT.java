package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Response;
import dropvault.tls.ClientCertificate;
import dropvault.tls.ServerTrust;
import dropvault.tls.TlsClient;
import dropvault.tls.TlsProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key-bound client against the replacement attack, with the packaged server, client and admin: the
 * client registers over TLS and is key-bound, reconnects over TLS and stores a second content (the
 * first becomes a version); then an attacker who knows its name and id, from 300 loopback addresses
 * at once, on the plain port and on the TLS port (with no certificate, or one of its own key), gets
 * not one key exchange and not one upload, and the victim's files and versions stay as they were, byte
 * for byte. Loopback is exempt from penalties here: the binding alone stops it. A client never bound
 * reconnects on the plain port as before.
 */
class KeyBoundIT {
    private static final int ADDRESSES_PER_WAY = 100;

    @TempDir
    Path work;

    private record Run(int status, String out, String err) {
        String both() {
            return out + err;
        }
    }

    private Run run(String tool, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.DIST.resolve("bin/" + tool).toAbsolutePath()
                .toString()));
        command.addAll(args);
        Path out = Files.createTempFile(work, tool, ".out");
        Path err = Files.createTempFile(work, tool, ".err");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(tool + " hung: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run client(InetSocketAddress server, String name, Path file, Path dir, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server", "127.0.0.1:" + server.getPort(), "--name", name,
                "--file", file.toString(), "--dir", dir.toString(), "--no-progress", "--timeout", "20"));
        args.addAll(List.of(more));
        return run("dropvault-client", args);
    }

    private Run admin(Path data, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        Run r = run("dropvault-admin", all);
        assertEquals(0, r.status(), r.both());
        return r;
    }

    /** Every file under {@code folder} (the current ones and the versions kept), by path, with its bytes. */
    private static Map<String, byte[]> snapshot(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static String line(Run r, String first) {
        return r.out().lines().filter(l -> l.startsWith(first + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + first + ": " + r.out()));
    }

    enum Way { PLAIN, TLS_WITHOUT_CERTIFICATE, TLS_WITH_ANOTHER_KEY }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theReplacementAttackGetsNothingFromAKeyBoundClientFromAnyAddressOnEitherPort() throws Exception {
        Path data = work.resolve("data");
        try (ServerProcess server = ServerProcess.start(new ServerProcess.Options(work, data).set("tls.port", 0))) {
            InetSocketAddress tls = server.tlsAddress();
            Path victimDir = work.resolve("victim");
            Path file = work.resolve("report.bin");
            Files.write(file, Client.randomBytes(1, 100_000));
            Run registered = client(tls, "victim", file, victimDir, "--tls");
            assertEquals(0, registered.status(), registered.both());
            assertTrue(registered.both().contains("registered as"), registered.both());
            Files.write(file, Client.randomBytes(2, 120_000));
            Run reconnected = client(tls, "victim", file, victimDir, "--tls");
            assertEquals(0, reconnected.status(), reconnected.both());
            assertTrue(reconnected.both().contains("reconnected as"), reconnected.both());
            ClientId id = ClientId.fromHex(Files.readAllLines(victimDir.resolve("me.info")).get(1).strip());

            assertTrue(line(admin(data, "clients"), "victim").endsWith(" yes"), "the admin shows it key-bound");
            assertTrue(admin(data, "export").out().contains("\"id\":\"" + id.hex() + "\",\"name\":\"victim\""));
            assertTrue(admin(data, "export").out().lines().filter(l -> l.contains(id.hex()) && l.contains("\"type\":\"client\""))
                    .allMatch(l -> l.contains("\"key_bound\":true")), "the export carries the mark");
            Path folder = data.resolve("files").resolve(id.hex());
            Map<String, byte[]> before = snapshot(folder);
            assertEquals(2, before.size(), "the file and the version the second upload pushed: " + before.keySet());
            String listedBefore = admin(data, "files", "victim").out();

            // the attacker knows the name and the id; from 300 addresses at once, on both ports
            SSLContext withoutCertificate = TlsClient.context(TlsProvider.choose("jdk"),
                    ServerTrust.fingerprint(Optional.empty()));
            SSLContext anotherKey = TlsClient.context(TlsProvider.choose("jdk"), ServerTrust.fingerprint(Optional.empty()),
                    ClientCertificate.of(Client.KEYS.getPrivate()));
            NameField name = NameField.of("victim");
            NameField fileName = NameField.utf8("report.bin");
            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            AtomicInteger uploadsAccepted = new AtomicInteger();
            AtomicInteger confirmed = new AtomicInteger();
            List<Future<?>> attempts = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
                for (Way way : Way.values()) {
                    for (int i = 0; i < ADDRESSES_PER_WAY; i++) {
                        InetAddress source = InetAddress.getByAddress(new byte[] {127, 0, (byte) (10 + way.ordinal()),
                                (byte) (i + 1)});
                        int seed = way.ordinal() * 1000 + i;
                        attempts.add(pool.submit(() -> {
                            try (Wire w = switch (way) {
                                case PLAIN -> new Wire(server.address(), source);
                                case TLS_WITHOUT_CERTIFICATE -> Wire.tls(tls, source, withoutCertificate);
                                case TLS_WITH_ANOTHER_KEY -> Wire.tls(tls, source, anotherKey);
                            }) {
                                w.send(id, new ReconnectRequest(name));
                                int code = w.readOrReset().map(Response::code).orElse(-1);
                                answers.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
                                // an upload all the same: random ciphertext for the victim's file name
                                byte[] junk = new byte[16];
                                new Random(seed).nextBytes(junk);
                                w.send(id, new FilePacket(16, 15, 1, 1, fileName, junk));
                                if (w.readOrReset().filter(r -> r.code() == 1603).isPresent()) {
                                    uploadsAccepted.incrementAndGet();
                                    w.send(id, new CrcReport(CrcReport.Verdict.MATCHED, fileName));
                                    if (w.readOrReset().filter(r -> r.code() == 1604).isPresent()) {
                                        confirmed.incrementAndGet();
                                    }
                                }
                            }
                            return null;
                        }));
                    }
                }
                for (Future<?> f : attempts) {
                    f.get(2, TimeUnit.MINUTES);
                }
            }
            assertEquals(Map.of(1606, 3 * ADDRESSES_PER_WAY), answers.entrySet().stream().collect(
                    java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())),
                    "every 827 refused, on both ports");
            assertEquals(0, uploadsAccepted.get(), "no upload accepted");
            assertEquals(0, confirmed.get());
            // nor does 826 take the client over, after the 1606 on the same connection
            for (Way way : Way.values()) {
                try (Wire w = way == Way.PLAIN ? new Wire(server.address())
                        : Wire.tls(tls, null, way == Way.TLS_WITH_ANOTHER_KEY ? anotherKey : withoutCertificate)) {
                    w.send(id, new ReconnectRequest(name));
                    assertEquals(1606, w.read().orElseThrow().code());
                    w.send(id, new PublicKeyRequest(name, Client.CRYPTO.encodePublicKey(Client.KEYS.getPublic())));
                    assertEquals(1607, w.readOrReset().map(Response::code).orElse(1607));
                }
            }

            Map<String, byte[]> after = snapshot(folder);
            assertEquals(before.keySet(), after.keySet(), "no version pushed, nothing added");
            for (String p : before.keySet()) {
                assertArrayEquals(before.get(p), after.get(p), p);
            }
            assertEquals(listedBefore, admin(data, "files", "victim").out());
            assertTrue(line(admin(data, "clients"), "victim").endsWith(" yes"));

            // what it costs: the victim's own client on the plain port is refused too, and stores nothing
            Run plain = client(server.address(), "victim", file, victimDir);
            assertNotEquals(0, plain.status(), plain.both());
            assertTrue(plain.both().contains("1606") && plain.both().contains("try --tls"), plain.both());
            assertEquals(before.keySet(), snapshot(folder).keySet());

            // a client never key-bound registers and reconnects on the plain port as before
            Path otherDir = work.resolve("unbound");
            assertEquals(0, client(server.address(), "unbound", file, otherDir).status());
            Run again = client(server.address(), "unbound", file, otherDir);
            assertEquals(0, again.status(), again.both());
            assertTrue(again.both().contains("reconnected as"), again.both());
            assertTrue(line(admin(data, "clients"), "unbound").endsWith(" no"));

            // and the victim, over TLS with its key, still reconnects and stores
            Files.write(file, Client.randomBytes(3, 1000));
            Run back = client(tls, "victim", file, victimDir, "--tls");
            assertEquals(0, back.status(), back.both());
            assertArrayEquals(Client.randomBytes(3, 1000), Files.readAllBytes(folder.resolve("report.bin")));
            assertTrue(server.log().lines().noneMatch(l -> l.contains("Exception")), server.log());
            assertTrue(new String(Files.readAllBytes(victimDir.resolve("me.info")), StandardCharsets.US_ASCII)
                    .contains(id.hex()), "the victim kept its identity");
        }
    }
}
