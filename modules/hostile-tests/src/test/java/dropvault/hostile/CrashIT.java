package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRefused;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.Thanks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent uploads, SIGKILL at a random moment, restart on the same data folder; ten times. After
 * every restart what was answered is there, and nothing half-done is visible.
 */
class CrashIT {
    static final int CYCLES = 10;
    static final int WORKERS = 6;

    @TempDir
    Path work;

    /** A file of a client, by client id hex and file name. */
    record FileKey(String clientHex, String name) {
    }

    /** Clients answered 1602 (name by id); clients answered only 1600; files answered 1604; files 900 was sent for. */
    final Map<ClientId, String> keyed = new ConcurrentHashMap<>();
    final Map<ClientId, String> registeredOnly = new ConcurrentHashMap<>();
    final Map<FileKey, String> confirmed = new ConcurrentHashMap<>();
    final Map<FileKey, String> confirming = new ConcurrentHashMap<>();
    final AtomicInteger uploads = new AtomicInteger();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void killedAtRandomItLosesNothingAnswered() throws Exception {
        Path data = work.resolve("data");
        Random random = new Random(20261126);
        ServerProcess.Options options = new ServerProcess.Options(work, data);
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            ServerProcess server = startKeepingEvidence(options, data, cycle);
            try {
                checkAfterRestart(server, data, cycle);
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> workers = new ArrayList<>();
                    for (int w = 0; w < WORKERS; w++) {
                        long seed = random.nextLong();
                        String prefix = "c" + cycle + "w" + w;
                        workers.add(threads.submit(() -> work(server, new Random(seed), prefix)));
                    }
                    // the random moment: not a synchronisation, any moment is a valid test
                    Thread.sleep(200 + random.nextInt(1500));
                    server.kill();
                    for (Future<?> f : workers) {
                        f.get(2, TimeUnit.MINUTES);
                    }
                }
            } finally {
                server.close();
            }
        }
        try (ServerProcess server = ServerProcess.start(options)) {
            checkAfterRestart(server, data, CYCLES);
            assertEquals(0, server.stop());
        }
        List<String> store = StoreDump.of(data, work);
        for (FileKey f : confirmed.keySet()) {
            String name = java.util.HexFormat.of().formatHex(f.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(store.stream().anyMatch(l -> l.startsWith("file " + f.clientHex() + " name=" + name + " ")
                    && l.endsWith("verified=true")), "no verified record of " + f);
        }
        assertTrue(uploads.get() > 0 && !confirmed.isEmpty(), "no upload was confirmed in " + CYCLES + " cycles");
    }

    /** Registers clients and uploads files until the server goes away. */
    private Void work(ServerProcess server, Random r, String prefix) {
        for (int n = 0; ; n++) {
            try (Wire w = new Wire(server.address())) {
                Client.Identity who;
                if (r.nextInt(3) == 0 || keyed.isEmpty()) {
                    who = register(w, prefix + "-" + n);
                } else {
                    ClientId id = anyKeyed(r);
                    who = Client.reconnect(w, id, keyed.get(id));
                }
                String name = prefix + "-" + n + ".bin";
                byte[] plain = Client.randomBytes(r.nextLong(), 1 + r.nextInt(200_000));
                Client.upload(w, who, NameField.utf8(name), plain);
                FileKey key = new FileKey(who.id().hex(), name);
                String hash = Snapshot.sha256(plain);
                confirming.put(key, hash);
                w.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(name)));
                w.expect(Thanks.class);
                confirmed.put(key, hash);
                uploads.incrementAndGet();
            } catch (IOException | AssertionError | java.security.GeneralSecurityException e) {
                if (server.exitsWithin(30)) {
                    return null;
                }
                throw new AssertionError("a session failed while the server ran: " + e, e);
            }
        }
    }

    /** 825 → 1600, 826 → 1602, noting each answer as it comes. */
    private Client.Identity register(Wire w, String name) throws IOException, java.security.GeneralSecurityException {
        w.send(ClientId.ZERO, new RegisterRequest(NameField.of(name)));
        ClientId id = w.expect(Registered.class).clientId();
        registeredOnly.put(id, name);
        w.send(id, new PublicKeyRequest(NameField.of(name), Client.CRYPTO.encodePublicKey(Client.KEYS.getPublic())));
        KeyIssued issued = w.expect(KeyIssued.class);
        keyed.put(id, name);
        registeredOnly.remove(id);
        return new Client.Identity(id, name, Client.CRYPTO.unwrapKey(Client.KEYS.getPrivate(), issued.wrappedKey()));
    }

    /**
     * The store opened (the server started); every file answered 1604 is there byte for byte; every
     * other file is one whose 900 was sent, whole; no temporary file is left; every client answered
     * 1602 reconnects, and one answered only 1600 gets 1606 (or 1605 when its key made it to disk).
     */
    private void checkAfterRestart(ServerProcess server, Path data, int cycle) throws Exception {
        Path files = data.resolve("files");
        if (Files.isDirectory(files)) {
            try (Stream<Path> all = Files.walk(files)) {
                for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                    String name = f.getFileName().toString();
                    assertFalse(name.startsWith("."), "cycle " + cycle + ": a temporary file is visible: " + f);
                    FileKey key = new FileKey(f.getParent().getFileName().toString(), name);
                    String hash = Snapshot.sha256(f);
                    assertTrue(hash.equals(confirmed.get(key)) || hash.equals(confirming.get(key)),
                            "cycle " + cycle + ": a file that was never confirmed whole: " + f);
                }
            }
        }
        for (Map.Entry<FileKey, String> e : confirmed.entrySet()) {
            Path f = files.resolve(e.getKey().clientHex()).resolve(e.getKey().name());
            assertTrue(Files.isRegularFile(f), "cycle " + cycle + ": lost " + e.getKey());
            assertEquals(e.getValue(), Snapshot.sha256(f), "cycle " + cycle + ": changed " + e.getKey());
        }
        for (Map.Entry<ClientId, String> c : Map.copyOf(keyed).entrySet()) {
            try (Wire w = new Wire(server.address())) {
                Client.reconnect(w, c.getKey(), c.getValue());
            }
        }
        for (Map.Entry<ClientId, String> c : Map.copyOf(registeredOnly).entrySet()) {
            try (Wire w = new Wire(server.address())) {
                w.send(c.getKey(), new ReconnectRequest(NameField.of(c.getValue())));
                var r = w.read().orElseThrow(() -> new AssertionError("no answer to 827"));
                if (r.payload() instanceof ReconnectRefused refused) {
                    assertEquals(c.getKey(), refused.clientId(), "1606 for a registered client names its id");
                } else {
                    assertEquals(1605, r.code(), "cycle " + cycle + ": 827 of a client answered 1600");
                    keyed.put(c.getKey(), c.getValue());
                    registeredOnly.remove(c.getKey());
                }
            }
        }
    }

    private ClientId anyKeyed(Random r) {
        List<ClientId> ids = new ArrayList<>(keyed.keySet());
        return ids.get(r.nextInt(ids.size()));
    }

    /** Starts the server; when it cannot start, the data folder it refused is copied to target/ for a post-mortem. */
    private static ServerProcess startKeepingEvidence(ServerProcess.Options options, Path data, int cycle)
            throws IOException, InterruptedException {
        try {
            return ServerProcess.start(options);
        } catch (IOException e) {
            Path kept = Path.of("target", "crash-evidence", "cycle-" + cycle + "-" + System.currentTimeMillis());
            try (var paths = Files.walk(data)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    Path to = kept.resolve(data.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
            throw new IOException(e.getMessage() + "\n(the data folder is kept in " + kept.toAbsolutePath() + ")", e);
        }
    }
}
