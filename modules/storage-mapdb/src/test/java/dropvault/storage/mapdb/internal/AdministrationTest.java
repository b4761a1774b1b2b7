package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.StoreInUseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What dropvault-admin asks of the store: deleting a client, and reading while another holder has it. */
class AdministrationTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    private final Random random = new Random(7);
    private final MapDbStoreProvider provider = new MapDbStoreProvider();

    @Test
    void deletingAClientRemovesItsRecordNameAndFilesDurably() throws Exception {
        ClientId gone = ClientId.random(random);
        ClientId kept = ClientId.random(random);
        try (Store store = provider.open(dir, Map.of())) {
            store.register(gone, "gone", T0);
            store.register(kept, "kept", T0);
            store.putFile(new FileRecord(gone, "a.txt", "files/" + gone.hex() + "/a.txt", true));
            store.putFile(new FileRecord(gone, "b.txt", "files/" + gone.hex() + "/b.txt", true));
            store.putFile(new FileRecord(kept, "a.txt", "files/" + kept.hex() + "/a.txt", true));

            assertTrue(store.deleteClient(gone));
            assertFalse(store.deleteClient(gone), "a second delete finds nothing");
            assertTrue(store.client(gone).isEmpty());
            assertTrue(store.clientByName("gone").isEmpty());
            assertEquals(List.of(), store.files(gone));
            assertEquals(1, store.files(kept).size());
        }
        // replayed from the journal (the MapDB file is rebuilt), the removal holds, and the name is free again
        Files.delete(dir.resolve("store.db.clean"));
        try (Store store = provider.open(dir, Map.of())) {
            assertEquals(List.of(kept), store.clients().stream().map(ClientRecord::id).toList());
            assertEquals(List.of(), store.files(gone));
            assertEquals(1, store.files(kept).size());
            assertTrue(store.register(ClientId.random(random), "gone", T0));
        }
    }

    @Test
    void aReadOnlyCopyReadsWhileTheStoreIsHeldAndChangesNothing() throws Exception {
        ClientId id = ClientId.random(random);
        try (Store held = provider.open(dir, Map.of())) {
            held.register(id, "alice", T0);
            held.putFile(new FileRecord(id, "a.txt", "files/" + id.hex() + "/a.txt", true));
            assertThrows(StoreInUseException.class, () -> provider.open(dir, Map.of()));

            List<Path> before = listing();
            Path copyFolder;
            try (Store copy = provider.openReadOnly(dir, Map.of())) {
                assertEquals("alice", copy.client(id).orElseThrow().name());
                assertEquals(1, copy.files(id).size());
                assertThrows(StoreException.class, () -> copy.register(ClientId.random(random), "bob", T0));
                assertThrows(StoreException.class, () -> copy.deleteClient(id));
                held.register(ClientId.random(random), "carol", T0);
                assertTrue(copy.clientByName("carol").isEmpty(), "the copy is the state as of its opening");
                copyFolder = Path.of(System.getProperty("java.io.tmpdir"));
            }
            assertEquals(before, listing(), "the data folder is as it was");
            assertTrue(held.clientByName("carol").isPresent());
            try (Stream<Path> left = Files.list(copyFolder)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("dropvault-store-copy-")
                        && Files.exists(p.resolve("store.db.journal"))), "no copy is left behind");
            }
        }
    }

    private List<Path> listing() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
