package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Replacement;
import dropvault.storage.Store;
import dropvault.storage.VersionPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions kept, counted and pruned, durable across a reopen, in one store change with the file. */
class VersionsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T17:00:00Z");
    private static final ClientId A = ClientId.fromHex("0000000000000000000000000000000a");
    private static final ClientId B = ClientId.fromHex("0000000000000000000000000000000b");

    @TempDir
    Path dir;

    private Store open() throws Exception {
        return new MapDbStoreProvider().open(dir, Map.of());
    }

    private static FileRecord file(ClientId id, String name, long size, long cksum) {
        return new FileRecord(id, name, "files/" + id.hex() + "/" + name, true, size, cksum);
    }

    @Test
    void aReplacedFileBecomesAVersionAndTheLastFiveAreKept() throws Exception {
        try (Store store = open()) {
            store.register(A, "alice", T0);
            Replacement first = store.putFile(file(A, "a.txt", 100, 1), "unused", T0, VersionPolicy.DEFAULT);
            assertTrue(first.kept().isEmpty(), "a new name replaces nothing");
            for (int i = 1; i <= 7; i++) {
                Replacement r = store.putFile(file(A, "a.txt", 100 + i, 1 + i), "files/v" + i, T0.plusSeconds(i),
                        VersionPolicy.DEFAULT);
                FileVersion kept = r.kept().orElseThrow();
                assertEquals(i, kept.number());
                assertEquals(100 + i - 1, kept.size(), "the replaced record's size");
                assertEquals(i, kept.cksum(), "and cksum");
                assertEquals(i <= 5 ? 0 : 1, r.pruned().size());
                if (i > 5) {
                    assertEquals(i - 5, r.pruned().get(0).number(), "the oldest goes");
                }
            }
            assertEquals(List.of(3L, 4L, 5L, 6L, 7L), store.versions(A, "a.txt").stream().map(FileVersion::number).toList());
            assertEquals(107 + (102 + 103 + 104 + 105 + 106), store.storedBytes(A));
            assertEquals(new FileRecord(A, "a.txt", "files/" + A.hex() + "/a.txt", true, 107, 8),
                    store.file(A, "a.txt").orElseThrow());
        }
        try (Store store = open()) {
            assertEquals(5, store.versions(A, "a.txt").size(), "durable");
            assertEquals("files/v7", store.versions(A, "a.txt").get(4).pathName());
        }
    }

    @Test
    void theByteLimitPerClientDropsTheOldestButNeverTheVersionJustKept() throws Exception {
        VersionPolicy policy = new VersionPolicy(5, 250);
        try (Store store = open()) {
            store.register(A, "alice", T0);
            store.register(B, "bob", T0);
            store.putFile(file(A, "x", 100, 1), "-", T0, policy);
            store.putFile(file(A, "x", 100, 2), "files/x1", T0.plusSeconds(1), policy);
            store.putFile(file(A, "y", 100, 3), "-", T0.plusSeconds(2), policy);
            store.putFile(file(A, "y", 1000, 4), "files/y1", T0.plusSeconds(3), policy);
            store.putFile(file(B, "x", 100, 5), "-", T0, policy);
            store.putFile(file(B, "x", 100, 6), "files/bx1", T0.plusSeconds(4), policy);
            assertEquals(200, store.versions(A, "x").stream().mapToLong(FileVersion::size).sum()
                    + store.versions(A, "y").stream().mapToLong(FileVersion::size).sum());
            Replacement r = store.putFile(file(A, "y", 10, 7), "files/y2", T0.plusSeconds(5), policy);
            // versions of A: x1 (100), y1 (100), y2 (1000): over 250; x1 and y1 go, y2 (just kept) stays
            assertEquals(List.of("files/x1", "files/y1"), r.pruned().stream().map(FileVersion::pathName).toList());
            assertEquals("files/y2", r.kept().orElseThrow().pathName());
            assertEquals(List.of(), store.versions(A, "x"));
            assertEquals(1, store.versions(B, "x").size(), "another client's versions are its own");
        }
    }

    @Test
    void keepingNoneDropsTheVersionAtOnceAndPlainPutFileKeepsTheVersions() throws Exception {
        try (Store store = open()) {
            store.register(A, "alice", T0);
            store.putFile(file(A, "x", 1, 1), "-", T0, VersionPolicy.DEFAULT);
            store.putFile(file(A, "x", 2, 2), "files/x1", T0, VersionPolicy.DEFAULT);
            store.putFile(file(A, "x", 3, 3));
            assertEquals(1, store.versions(A, "x").size());
            Replacement none = store.putFile(file(A, "x", 4, 4), "files/x2", T0, new VersionPolicy(0, 0));
            assertTrue(none.kept().isEmpty());
            assertEquals(2, none.pruned().size());
            assertEquals(List.of(), store.versions(A, "x"));
        }
    }

    @Test
    void clientsAreCountedAcrossAReopen() throws Exception {
        try (Store store = open()) {
            store.register(A, "alice", T0);
            store.register(B, "bob", T0);
            store.register(B, "bob again", T0);
            assertEquals(2, store.clientCount());
        }
        try (Store store = open()) {
            assertEquals(2, store.clientCount());
        }
    }
}
