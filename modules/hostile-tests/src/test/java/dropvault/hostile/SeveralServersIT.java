package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Response;
import dropvault.protocol.Thanks;
import dropvault.testing.postgres.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three packaged servers on one PostgreSQL and one data folder: a client's sessions may land on
 * any of them; a name is registered once even when two servers are asked at the same instant; a
 * server killed with SIGKILL leaves the others serving and nothing partial in the folder, and serves
 * again after its restart; every file answered 1604 is there byte for byte.
 */
class SeveralServersIT {
    static final int SERVERS = 3;
    static final long DEADLINE_NANOS = TimeUnit.MINUTES.toNanos(3);

    @TempDir
    Path work;

    record FileKey(String clientHex, String name) {
    }

    private ServerProcess.Options options(Path data, String url) {
        return new ServerProcess.Options(work, data)
                .set("store.provider", "postgresql")
                .set("store.option.url", url)
                .set("store.option.user", EmbeddedPostgres.USER);
    }

    private List<ServerProcess> startServers(ServerProcess.Options options) throws Exception {
        List<ServerProcess> servers = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            servers.add(ServerProcess.start(options));
        }
        return servers;
    }

    private static void closeAll(List<ServerProcess> servers) throws InterruptedException {
        for (ServerProcess s : servers) {
            s.close();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void registerOnOneReconnectOnASecondUploadOnAThirdAndANameIsGivenOnce() throws Exception {
        Path data = work.resolve("data");
        List<ServerProcess> servers = startServers(options(data, EmbeddedPostgres.shared().createDatabase()));
        try {
            Client.Identity registered;
            try (Wire w = new Wire(servers.get(0).address())) {
                registered = Client.register(w, "roaming");
            }
            Client.Identity reconnected;
            try (Wire w = new Wire(servers.get(1).address())) {
                reconnected = Client.reconnect(w, registered.id(), "roaming");
            }
            byte[] plain = Client.randomBytes(16, 150_000);
            try (Wire w = new Wire(servers.get(2).address())) {
                Client.Identity third = Client.reconnect(w, reconnected.id(), "roaming");
                Client.store(w, third, NameField.utf8("travels.bin"), plain);
            }
            Path stored = data.resolve("files").resolve(registered.id().hex()).resolve("travels.bin");
            assertEquals(Snapshot.sha256(plain), Snapshot.sha256(stored));

            for (int round = 0; round < 20; round++) {
                String name = "contested-" + round;
                List<Integer> codes = sameInstant(List.of(servers.get(round % SERVERS),
                        servers.get((round + 1) % SERVERS)), name);
                assertEquals(List.of(1600, 1601), codes.stream().sorted().toList(),
                        "two servers asked for '" + name + "' at once: exactly one 1600");
            }
            for (ServerProcess s : servers) {
                assertEquals(0, s.stop());
            }
        } finally {
            closeAll(servers);
        }
    }

    /** 825 for one name on connections to each server, the requests released together; the answers' codes. */
    private static List<Integer> sameInstant(List<ServerProcess> servers, String name) throws Exception {
        CountDownLatch ready = new CountDownLatch(servers.size());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(servers.size())) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (ServerProcess s : servers) {
                answers.add(threads.submit(() -> {
                    try (Wire w = new Wire(s.address())) {
                        ready.countDown();
                        assertTrue(go.await(60, TimeUnit.SECONDS));
                        w.send(ClientId.ZERO, new RegisterRequest(NameField.of(name)));
                        return w.read().map(Response::code).orElse(-1);
                    }
                }));
            }
            assertTrue(ready.await(60, TimeUnit.SECONDS), "connections not open within 60 s");
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : answers) {
                codes.add(f.get(60, TimeUnit.SECONDS));
            }
            return codes;
        }
    }

    final Map<FileKey, String> confirmed = new ConcurrentHashMap<>();
    final Map<FileKey, String> confirming = new ConcurrentHashMap<>();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aServerKilledDuringUploadsLeavesTheOthersServingAndServesAgainAfterItsRestart() throws Exception {
        Path data = work.resolve("data");
        ServerProcess.Options options = options(data, EmbeddedPostgres.shared().createDatabase());
        List<ServerProcess> servers = startServers(options);
        AtomicBoolean done = new AtomicBoolean();
        Counter[] stored = {new Counter(), new Counter(), new Counter()};
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 2 * SERVERS; w++) {
                int server = w % SERVERS;
                long seed = 1000 + w;
                String prefix = "w" + w;
                workers.add(threads.submit(() -> work(servers, server, new Random(seed), prefix, done, stored[server])));
            }
            awaitAtLeast(stored[1], 5, "uploads on the server to be killed");
            servers.get(1).kill();
            int before0 = stored[0].get();
            int before2 = stored[2].get();
            awaitAtLeast(stored[0], before0 + 10, "uploads on server 0 after server 1 was killed");
            awaitAtLeast(stored[2], before2 + 10, "uploads on server 2 after server 1 was killed");

            // its restart removes its own leftovers, never what the live servers are writing
            ServerProcess restarted = ServerProcess.start(options);
            synchronized (servers) {
                servers.set(1, restarted);
                servers.notifyAll();
            }
            int restartedBefore = stored[1].get();
            before0 = stored[0].get();
            before2 = stored[2].get();
            awaitAtLeast(stored[1], restartedBefore + 5, "uploads on the restarted server");
            awaitAtLeast(stored[0], before0 + 5, "uploads on server 0 after the restart");
            awaitAtLeast(stored[2], before2 + 5, "uploads on server 2 after the restart");
            done.set(true);
            for (Future<?> f : workers) {
                f.get(2, TimeUnit.MINUTES);
            }
            for (ServerProcess s : servers) {
                assertEquals(0, s.stop());
            }
        } finally {
            done.set(true);
            closeAll(servers);
        }
        checkFolder(data);
        assertFalse(confirmed.isEmpty());
    }

    /**
     * Sessions on one server until told to stop; a session the kill of its server cut short is
     * retried on the same slot, whose server the test restarts. A session that fails while its server
     * runs fails the test.
     */
    private Void work(List<ServerProcess> servers, int slot, Random r, String prefix, AtomicBoolean done,
            Counter stored) throws Exception {
        for (int n = 0; !done.get(); n++) {
            ServerProcess server;
            synchronized (servers) {
                server = servers.get(slot);
            }
            try (Wire w = new Wire(server.address())) {
                Client.Identity who = Client.register(w, prefix + "-" + n);
                String name = prefix + "-" + n + ".bin";
                byte[] plain = Client.randomBytes(r.nextLong(), 1 + r.nextInt(300_000));
                Client.upload(w, who, NameField.utf8(name), plain);
                FileKey key = new FileKey(who.id().hex(), name);
                confirming.put(key, Snapshot.sha256(plain));
                w.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(name)));
                w.expect(Thanks.class);
                confirmed.put(key, Snapshot.sha256(plain));
                stored.incrementAndGet();
            } catch (IOException | AssertionError e) {
                if (!server.exitsWithin(30)) {
                    throw new AssertionError("a session on a live server failed: " + e + "\n" + server.log(), e);
                }
                awaitReplaced(servers, slot, server);
            }
        }
        return null;
    }

    private static void awaitReplaced(List<ServerProcess> servers, int slot, ServerProcess dead)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        synchronized (servers) {
            while (servers.get(slot) == dead) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("server " + slot + " was not restarted");
                }
                TimeUnit.NANOSECONDS.timedWait(servers, left);
            }
        }
    }

    private static void awaitAtLeast(Counter counter, int target, String what) throws InterruptedException {
        if (!counter.awaitAtLeast(target, DEADLINE_NANOS)) {
            throw new AssertionError("waited 3 minutes for " + target + " " + what + ", saw " + counter.get());
        }
    }

    /** A count that a test can wait on without polling. */
    static final class Counter {
        private int value;

        synchronized void incrementAndGet() {
            value++;
            notifyAll();
        }

        synchronized int get() {
            return value;
        }

        synchronized boolean awaitAtLeast(int target, long timeoutNanos) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (value < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /** Every file answered 1604 is there byte for byte; every other file is one whose 900 was sent; no temporary file. */
    private void checkFolder(Path data) throws IOException {
        Path files = data.resolve("files");
        try (Stream<Path> all = Files.walk(files)) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String name = f.getFileName().toString();
                assertFalse(name.startsWith("."), "a temporary file is left: " + f);
                FileKey key = new FileKey(f.getParent().getFileName().toString(), name);
                String hash = Snapshot.sha256(f);
                assertTrue(hash.equals(confirmed.get(key)) || hash.equals(confirming.get(key)),
                        "a file that was never confirmed whole: " + f);
            }
        }
        for (Map.Entry<FileKey, String> e : confirmed.entrySet()) {
            Path f = files.resolve(e.getKey().clientHex()).resolve(e.getKey().name());
            assertTrue(Files.isRegularFile(f), "lost " + e.getKey());
            assertEquals(e.getValue(), Snapshot.sha256(f), "changed " + e.getKey());
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void theDatabaseStoppedUnderLoadGives1607AndTheServerServesAgainWhenItIsBackWithoutARestart() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            Path data = work.resolve("data");
            ServerProcess.Options options = options(data, pg.createDatabase())
                    .set("store.option.timeout.millis", "1000");
            try (ServerProcess server = ServerProcess.start(options);
                 ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                AtomicBoolean done = new AtomicBoolean();
                Counter ok = new Counter();
                Counter failed = new Counter();
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int worker = w;
                    workers.add(threads.submit(() -> {
                        for (int n = 0; !done.get(); n++) {
                            try (Wire wire = new Wire(server.address())) {
                                Client.Identity who = Client.register(wire, "db-" + worker + "-" + n);
                                Client.store(wire, who, NameField.utf8("f.bin"), Client.randomBytes(n, 2000));
                                ok.incrementAndGet();
                            } catch (IOException | AssertionError e) {
                                failed.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                awaitAtLeast(ok, 10, "sessions before the database stops");
                pg.stop();
                int failedBefore = failed.get();
                awaitAtLeast(failed, failedBefore + 10, "sessions refused while the database is down");
                assertTrue(server.isAlive(), "the server keeps running without its database");
                pg.restart();
                int okBefore = ok.get();
                awaitAtLeast(ok, okBefore + 20, "sessions after the database is back");
                done.set(true);
                for (Future<?> f : workers) {
                    f.get(2, TimeUnit.MINUTES);
                }
                assertTrue(server.isAlive());
                String log = server.log();
                assertTrue(log.contains("the database answers again"), log);
                long reports = log.lines().filter(l -> l.contains(" store: ") && l.contains(" failed: ")).count();
                assertTrue(reports >= 1 && reports < failed.get(), "failures are reported once in a while, not each: "
                        + reports + " lines for " + failed.get() + " failed sessions");
                assertEquals(0, server.stop());
            }
        }
    }
}
