package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.StoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

// a safety net: a broken gate must fail the build, not hang it
@Timeout(60)
class ConcurrentStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final int THREADS = 50;
    private static final int PER_THREAD = 4;

    @TempDir
    Path dir;

    private MapDbStore open(CommitFault fault) throws StoreException {
        return MapDbStore.open(dir.resolve("store.db"), fault, 1_000_000_000L);
    }

    private static ClientId idOf(int n) {
        return ClientId.random(new Random(n));
    }

    @Test
    void concurrentRegistrationsShareCommitsAndAllSurviveAReopen() throws Exception {
        int operations = THREADS * PER_THREAD;
        // the first commit waits until every other thread queues behind it: at least one shared commit
        ScriptedFault fault = new ScriptedFault().gate(1);
        long commits;
        try (MapDbStore store = open(fault); ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        int n = thread * PER_THREAD + i;
                        assertTrue(store.register(idOf(n), "client-" + n, NOW));
                    }
                    return null;
                }));
                if (t == 0) {
                    fault.awaitGate();
                }
            }
            ScriptedFault.awaitQueued(store, THREADS - 1);
            fault.openGate();
            for (Future<?> f : done) {
                f.get();
            }
            commits = store.commitCount();
            assertEquals(operations, store.clients().size());
        }
        assertTrue(commits < operations - THREADS / 2, commits + " commits for " + operations + " registrations");
        try (MapDbStore store = open(CommitFault.NONE)) {
            for (int n = 0; n < operations; n++) {
                assertEquals(ClientRecord.registered(idOf(n), "client-" + n, NOW), store.client(idOf(n)).orElseThrow());
                assertEquals(idOf(n), store.clientByName("client-" + n).orElseThrow().id());
            }
        }
    }

    @Test
    void callersLinedUpBehindACommitShareTheNextOne() throws Exception {
        ScriptedFault fault = new ScriptedFault().gate(1);
        try (MapDbStore store = open(fault); ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<Boolean>> done = new ArrayList<>();
            done.add(pool.submit(() -> store.register(idOf(0), "first", NOW)));
            fault.awaitGate();
            for (int n = 1; n < THREADS; n++) {
                int client = n;
                done.add(pool.submit(() -> store.register(idOf(client), "client-" + client, NOW)));
            }
            ScriptedFault.awaitQueued(store, THREADS - 1);
            fault.openGate();
            for (Future<Boolean> f : done) {
                assertTrue(f.get());
            }
            assertEquals(2, store.commitCount(), "the gated commit, then one for all who queued behind it");
        }
    }

    @Test
    void closeCommitsWhatCallersLinedUpBeforeIt() throws Exception {
        ScriptedFault fault = new ScriptedFault().gate(1);
        MapDbStore store = open(fault);
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1)) {
            List<Future<Boolean>> done = new ArrayList<>();
            done.add(pool.submit(() -> store.register(idOf(0), "client-0", NOW)));
            fault.awaitGate();
            for (int n = 1; n < THREADS; n++) {
                int client = n;
                done.add(pool.submit(() -> store.register(idOf(client), "client-" + client, NOW)));
            }
            ScriptedFault.awaitQueued(store, THREADS - 1);
            Future<?> closed = pool.submit(() -> {
                store.close();
                return null;
            });
            ScriptedFault.awaitQueued(store, THREADS);
            fault.openGate();
            closed.get();
            for (Future<Boolean> f : done) {
                assertTrue(f.get());
            }
        }
        try (MapDbStore reopened = open(CommitFault.NONE)) {
            assertEquals(THREADS, reopened.clients().size());
        }
    }

    @Test
    void aNameOrAnIdIsGivenOnceUnderContention() throws Exception {
        AtomicInteger nameWins = new AtomicInteger();
        AtomicInteger idWins = new AtomicInteger();
        Set<String> registeredNames = ConcurrentHashMap.newKeySet();
        ClientId sharedId = idOf(-1);
        try (MapDbStore store = open(CommitFault.NONE); ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    if (store.register(idOf(thread), "wanted", NOW)) {
                        nameWins.incrementAndGet();
                    }
                    String name = "by-id-" + thread;
                    if (store.register(sharedId, name, NOW)) {
                        idWins.incrementAndGet();
                        registeredNames.add(name);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertEquals(1, nameWins.get());
        assertEquals(1, idWins.get());
        try (MapDbStore store = open(CommitFault.NONE)) {
            Set<String> names = new HashSet<>();
            for (ClientRecord c : store.clients()) {
                names.add(c.name());
            }
            assertEquals(2, names.size());
            assertTrue(names.contains("wanted"));
            assertTrue(names.containsAll(registeredNames));
            assertEquals(registeredNames.iterator().next(), store.client(sharedId).orElseThrow().name());
        }
    }
}
