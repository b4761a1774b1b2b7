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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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

    static void closeAll(List<ServerProcess> servers) throws InterruptedException {
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
        Run run = new Run(startServers(options));
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int w = 0; w < 2 * SERVERS; w++) {
                int slot = w % SERVERS;
                long seed = 1000 + w;
                String prefix = "w" + w;
                threads.submit(() -> run.guard(() -> work(run, slot, new Random(seed), prefix)));
            }
            run.awaitStored(1, 5, "uploads on the server to be killed");
            run.server(1).kill();
            int[] before = run.storedSnapshot();
            run.awaitStored(0, before[0] + 10, "uploads on server 0 after server 1 was killed");
            run.awaitStored(2, before[2] + 10, "uploads on server 2 after server 1 was killed");

            // its restart removes its own leftovers, never what the live servers are writing
            run.replace(1, ServerProcess.start(options));
            before = run.storedSnapshot();
            for (int slot = 0; slot < SERVERS; slot++) {
                run.awaitStored(slot, before[slot] + 5, "uploads on server " + slot + " after the restart");
            }
            run.finish();
            threads.shutdown();
            assertTrue(threads.awaitTermination(2, TimeUnit.MINUTES), "the workers did not stop");
            run.throwIfFailed();
            for (int slot = 0; slot < SERVERS; slot++) {
                assertEquals(0, run.server(slot).stop());
            }
        } finally {
            run.finish();
            run.closeAll();
            threads.shutdownNow();
        }
        checkFolder(data);
        assertFalse(confirmed.isEmpty());
    }

    /**
     * Sessions on one server slot until the run finishes; a session that the kill of its server cut
     * short waits for the slot's restart. A session that fails while its server runs fails the run.
     */
    private void work(Run run, int slot, Random r, String prefix) throws Exception {
        for (int n = 0; !run.finished(); n++) {
            ServerProcess server = run.server(slot);
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
                run.stored(slot);
            } catch (IOException | AssertionError e) {
                if (run.finished()) {
                    return;
                }
                if (!server.exitsWithin(30)) {
                    throw new AssertionError("a session on live server " + slot + " failed: " + e + "\n"
                            + server.log(), e);
                }
                run.awaitReplaced(slot, server);
            }
        }
    }

    /**
     * The servers of a test and what its workers did, under one monitor: a worker's failure wakes
     * and fails every wait at once, and finishing the run releases every worker.
     */
    static final class Run {
        private final List<ServerProcess> servers;
        private final int[] stored;
        private int sessions;
        private int failedSessions;
        private boolean finished;
        private Throwable failure;

        Run(List<ServerProcess> servers) {
            this.servers = new ArrayList<>(servers);
            this.stored = new int[servers.size()];
        }

        @FunctionalInterface
        interface Body {
            void run() throws Exception;
        }

        Void guard(Body body) {
            try {
                body.run();
            } catch (Throwable t) {
                fail(t);
            }
            return null;
        }

        synchronized void fail(Throwable t) {
            if (failure == null) {
                failure = t;
            }
            notifyAll();
        }

        synchronized ServerProcess server(int slot) {
            return servers.get(slot);
        }

        synchronized void replace(int slot, ServerProcess s) {
            servers.set(slot, s);
            notifyAll();
        }

        synchronized void stored(int slot) {
            stored[slot]++;
            sessions++;
            notifyAll();
        }

        synchronized void failedSession() {
            failedSessions++;
            notifyAll();
        }

        synchronized int sessions() {
            return sessions;
        }

        synchronized int failedSessions() {
            return failedSessions;
        }

        synchronized int[] storedSnapshot() {
            return stored.clone();
        }

        synchronized boolean finished() {
            return finished;
        }

        synchronized void finish() {
            finished = true;
            notifyAll();
        }

        synchronized void throwIfFailed() {
            if (failure != null) {
                throw new AssertionError("a worker failed: " + failure, failure);
            }
        }

        void awaitStored(int slot, int target, String what) throws InterruptedException {
            await(() -> stored[slot] >= target, () -> target + " " + what + ", saw " + stored[slot]);
        }

        void awaitSessions(int target, String what) throws InterruptedException {
            await(() -> sessions >= target, () -> target + " " + what + ", saw " + sessions);
        }

        void awaitFailedSessions(int target, String what) throws InterruptedException {
            await(() -> failedSessions >= target, () -> target + " " + what + ", saw " + failedSessions);
        }

        void awaitReplaced(int slot, ServerProcess dead) throws InterruptedException {
            await(() -> finished || servers.get(slot) != dead, () -> "the restart of server " + slot);
        }

        private synchronized void await(BooleanSupplier condition, Supplier<String> what)
                throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (!condition.getAsBoolean()) {
                throwIfFailed();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited 3 minutes for " + what.get());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            throwIfFailed();
        }

        void closeAll() throws InterruptedException {
            List<ServerProcess> all;
            synchronized (this) {
                all = List.copyOf(servers);
            }
            for (ServerProcess s : all) {
                s.close();
            }
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
            ServerProcess.Options options = options(work.resolve("data"), pg.createDatabase())
                    .set("store.option.timeout.millis", "1000");
            ServerProcess server = ServerProcess.start(options);
            Run run = new Run(List.of(server));
            ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
            try {
                for (int w = 0; w < 4; w++) {
                    int worker = w;
                    threads.submit(() -> run.guard(() -> {
                        for (int n = 0; !run.finished(); n++) {
                            try (Wire wire = new Wire(server.address())) {
                                Client.Identity who = Client.register(wire, "db-" + worker + "-" + n);
                                Client.store(wire, who, NameField.utf8("f.bin"), Client.randomBytes(n, 2000));
                                run.stored(0);
                            } catch (IOException | AssertionError e) {
                                run.failedSession();
                            }
                        }
                    }));
                }
                run.awaitSessions(10, "sessions before the database stops");
                pg.stop();
                run.awaitFailedSessions(run.failedSessions() + 10, "sessions refused while the database is down");
                assertTrue(server.isAlive(), "the server keeps running without its database");
                pg.restart();
                run.awaitSessions(run.sessions() + 20, "sessions after the database is back");
                run.finish();
                threads.shutdown();
                assertTrue(threads.awaitTermination(2, TimeUnit.MINUTES), "the workers did not stop");
                run.throwIfFailed();
                assertTrue(server.isAlive());
                String log = server.log();
                assertTrue(log.contains("the database answers again"), log);
                long reports = log.lines().filter(l -> l.contains(" store: ") && l.contains(" failed: ")).count();
                assertTrue(reports >= 1 && reports < run.failedSessions(), "failures are reported once in a while,"
                        + " not each: " + reports + " lines for " + run.failedSessions() + " failed sessions");
                assertEquals(0, server.stop());
            } finally {
                run.finish();
                run.closeAll();
                threads.shutdownNow();
            }
        }
    }
}
