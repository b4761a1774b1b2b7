package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Disk trouble: a commit that fails takes nothing with it and the store goes on. */
// a safety net: a broken gate must fail the build, not hang it
@Timeout(60)
class DiskTroubleTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);

    @TempDir
    Path dir;

    private final Random random = new Random(7);

    private MapDbStore open(CommitFault fault) throws StoreException {
        return MapDbStore.open(dir.resolve("store.db"), fault, 1_000_000_000L);
    }

    @Test
    void aFailedCommitLeavesNothingOfItsOperationAndTheStoreGoesOn() throws Exception {
        ClientId alice = ClientId.random(random);
        ClientId bob = ClientId.random(random);
        FileRecord kept = new FileRecord(alice, "kept.txt", "files/a/kept.txt", true);
        FileRecord lost = new FileRecord(alice, "lost.txt", "files/a/lost.txt", true);
        ScriptedFault fault = new ScriptedFault();
        try (MapDbStore store = open(fault)) {
            assertTrue(store.register(alice, "alice", T0));
            store.putFile(kept);

            fault.failNext();
            StoreException failed = assertThrows(StoreException.class, () -> store.register(bob, "bob", T0));
            assertInstanceOf(IOException.class, failed.getCause());
            assertTrue(store.client(bob).isEmpty());
            assertTrue(store.clientByName("bob").isEmpty(), "the name index was rolled back too");

            fault.failNext();
            assertThrows(StoreException.class, () -> store.putFile(lost));
            assertTrue(store.file(alice, "lost.txt").isEmpty());

            fault.failNext();
            assertThrows(StoreException.class, () -> store.setPublicKey(alice, new byte[160], T1));
            assertTrue(store.client(alice).orElseThrow().publicKey().isEmpty());

            fault.failNext();
            assertThrows(StoreException.class,
                    () -> store.putFile(new FileRecord(alice, "kept.txt", "files/a/replacement.txt", false)));
            assertEquals(Optional.of(kept), store.file(alice, "kept.txt"), "a failed replace keeps the old record");

            assertTrue(store.register(bob, "bob", T1), "the name is free again");
            assertTrue(store.setPublicKey(alice, new byte[160], T1));
        }
        try (MapDbStore store = open(CommitFault.NONE)) {
            assertEquals(List.of(alice, bob).stream().sorted().toList(),
                    store.clients().stream().map(ClientRecord::id).toList());
            assertEquals(Optional.of(ClientRecord.registered(bob, "bob", T1)), store.client(bob));
            assertArrayEquals(new byte[160], store.client(alice).orElseThrow().publicKey().orElseThrow());
            assertEquals(List.of(kept), store.files(alice));
        }
    }

    @Test
    void everyCallerOfAFailedSharedCommitFailsAndNoneOfTheirChangesRemain() throws Exception {
        ClientId first = ClientId.random(random);
        ClientId second = ClientId.random(random);
        ClientId third = ClientId.random(random);
        ScriptedFault fault = new ScriptedFault().gate(1).fail(2);
        try (MapDbStore store = open(fault); ExecutorService pool = Executors.newFixedThreadPool(4)) {
            Future<Boolean> committed = pool.submit(() -> store.register(first, "first", T0));
            fault.awaitGate();
            Future<Boolean> registration = pool.submit(() -> store.register(second, "second", T0));
            Future<Boolean> keys = pool.submit(() -> store.setPublicKey(first, new byte[160], T1));
            Future<?> upload = pool.submit(() -> {
                store.putFile(new FileRecord(third, "f", "files/f", true));
                return null;
            });
            ScriptedFault.awaitQueued(store, 3);
            fault.openGate();
            assertTrue(committed.get());
            for (Future<?> f : List.of(registration, keys, upload)) {
                ExecutionException e = assertThrows(ExecutionException.class, f::get);
                assertInstanceOf(StoreException.class, e.getCause());
            }
            assertEquals(Optional.of(ClientRecord.registered(first, "first", T0)), store.client(first));
            assertTrue(store.clientByName("second").isEmpty());
            assertTrue(store.files(third).isEmpty());
            assertTrue(store.register(second, "second", T1));
        }
        try (MapDbStore store = open(CommitFault.NONE)) {
            assertEquals(Optional.of(ClientRecord.registered(first, "first", T0)), store.client(first));
            assertEquals(Optional.of(ClientRecord.registered(second, "second", T1)), store.client(second));
            assertTrue(store.files(third).isEmpty());
        }
    }

    @Test
    void noAnswerRestsOnAChangeThatIsRolledBackLater() throws Exception {
        ClientId first = ClientId.random(random);
        ClientId doomed = ClientId.random(random);
        ClientId rival = ClientId.random(random);
        // commit 1 holds the lock while the others line up: the doomed registration, then a read of it,
        // then a rival for its name; commit 2 (the doomed one's) fails
        ScriptedFault fault = new ScriptedFault().gate(1).fail(2);
        try (MapDbStore store = open(fault); ExecutorService pool = Executors.newFixedThreadPool(4)) {
            Future<Boolean> committed = pool.submit(() -> store.register(first, "first", T0));
            fault.awaitGate();
            Future<Boolean> doomedRegistration = pool.submit(() -> store.register(doomed, "wanted", T0));
            ScriptedFault.awaitQueued(store, 1);
            Future<Optional<ClientRecord>> read = pool.submit(() -> store.clientByName("wanted"));
            ScriptedFault.awaitQueued(store, 2);
            Future<Boolean> rivalRegistration = pool.submit(() -> store.register(rival, "wanted", T1));
            ScriptedFault.awaitQueued(store, 3);
            fault.openGate();
            assertTrue(committed.get());
            ExecutionException e = assertThrows(ExecutionException.class, doomedRegistration::get);
            assertInstanceOf(StoreException.class, e.getCause());
            Optional<ClientRecord> seen = read.get();
            assertTrue(seen.isEmpty() || seen.get().id().equals(rival), "the read saw the rolled-back client");
            assertTrue(rivalRegistration.get(), "the name was refused for a registration that failed");
            assertEquals(Optional.of(ClientRecord.registered(rival, "wanted", T1)), store.clientByName("wanted"));
        }
    }

    @Test
    void theProviderOptionFailsCommitsWhileItsFileExists() throws Exception {
        Path trigger = dir.resolve("disk-trouble");
        Path data = dir.resolve("data");
        Map<String, String> options = Map.of("mapdb.failCommitsWhileExists", trigger.toString());
        ClientId before = ClientId.random(random);
        ClientId during = ClientId.random(random);
        ClientId after = ClientId.random(random);
        try (Store store = new MapDbStoreProvider().open(data, options)) {
            assertTrue(store.register(before, "before", T0));
            Files.createFile(trigger);
            assertThrows(StoreException.class, () -> store.register(during, "during", T0));
            assertThrows(StoreException.class, () -> store.putFile(new FileRecord(before, "f", "files/f", true)));
            assertTrue(store.client(during).isEmpty());
            Files.delete(trigger);
            assertTrue(store.register(after, "after", T0));
        }
        try (Store store = new MapDbStoreProvider().open(data, Map.of())) {
            assertEquals(List.of("after", "before"),
                    store.clients().stream().map(ClientRecord::name).sorted().toList());
            assertTrue(store.files(before).isEmpty());
        }
    }

    @Test
    void aFailedFinalCommitMakesCloseFailAndLosesOnlyTheLastSeen() throws Exception {
        ClientId id = ClientId.random(random);
        ScriptedFault fault = new ScriptedFault();
        MapDbStore store = open(fault);
        store.register(id, "zoe", T0);
        store.touch(id, T1);
        fault.failNext();
        assertThrows(StoreException.class, store::close);
        try (MapDbStore reopened = open(CommitFault.NONE)) {
            assertEquals(Optional.of(ClientRecord.registered(id, "zoe", T0)), reopened.client(id));
        }
    }
}
