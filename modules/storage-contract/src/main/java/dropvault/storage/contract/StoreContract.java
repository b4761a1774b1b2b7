package dropvault.storage.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Replacement;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.VersionPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Store contract: what every implementation of {@link Store} does, as one suite. A store's
 * tests subclass it and say how to open a fresh store and how to open that same store again
 * (after a close: durability). Every operation; durability across close and reopen; 64 threads at
 * once; uniqueness of names and ids under races.
 */
public abstract class StoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T10:15:30.123456789Z");
    protected static final Instant T1 = T0.plusSeconds(60);
    protected static final Instant T2 = T0.plusSeconds(120);
    protected static final int THREADS = 64;

    private final Random random = new Random(42);
    private final List<Store> opened = new ArrayList<>();

    /** A store no test used before: a new folder, a new database. Called once per test, before {@link #reopen()}. */
    protected abstract Store openFresh() throws Exception;

    /** The store {@link #openFresh()} made, opened again. */
    protected abstract Store reopen() throws Exception;

    /**
     * A client as an earlier build stored it: with the AES key it issued last ({@code publicKey} null for
     * a client that never sent its key).
     */
    public record EarlierClient(ClientId id, String name, byte[] publicKey, byte[] aesKey, Instant lastSeen) {
    }

    /**
     * Opens a store (not the fresh one) that an earlier build left holding {@code clients}, AES keys
     * and all, in the store's format of then.
     */
    protected abstract Store openEarlierStore(List<EarlierClient> clients) throws Exception;

    /** Whether {@code bytes} are anywhere in what the store {@link #openEarlierStore} opened keeps, once closed. */
    protected abstract boolean keptAtRest(byte[] bytes) throws Exception;

    private Store fresh;

    @BeforeEach
    final void openTheFreshStore() throws Exception {
        fresh = track(openFresh());
    }

    @AfterEach
    final void closeEverything() throws Exception {
        for (Store s : opened) {
            s.close();
        }
    }

    /** The fresh store; tests that need it closed before they reopen close it themselves. */
    protected final Store store() {
        return fresh;
    }

    protected final Store reopened() throws Exception {
        return track(reopen());
    }

    private Store track(Store s) {
        opened.add(s);
        return s;
    }

    protected final ClientId randomId() {
        return ClientId.random(random);
    }

    protected static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void registersAndFindsClientsByIdAndByName() throws Exception {
        Store store = store();
        ClientId id = randomId();
        assertTrue(store.client(id).isEmpty());
        assertTrue(store.clientByName("alice").isEmpty());
        assertTrue(store.register(id, "alice", T0));
        ClientRecord expected = ClientRecord.registered(id, "alice", T0);
        assertEquals(Optional.of(expected), store.client(id));
        assertEquals(Optional.of(expected), store.clientByName("alice"));
        assertTrue(store.clientByName("Alice").isEmpty(), "names are compared exactly");
        assertTrue(store.client(id).orElseThrow().publicKey().isEmpty());
        assertEquals(List.of(expected), store.clients());
    }

    @Test
    void keepsLastSeenToTheNanosecond() throws Exception {
        ClientId id = randomId();
        Instant odd = Instant.ofEpochSecond(1_800_000_000L, 1);
        assertTrue(store().register(id, "nano", odd));
        assertEquals(odd, store().client(id).orElseThrow().lastSeen());
    }

    @Test
    void listsClientsInIdOrderAndFilesInNameOrder() throws Exception {
        Store store = store();
        ClientId high = ClientId.fromHex("80000000000000000000000000000000");
        ClientId low = ClientId.fromHex("01000000000000000000000000000000");
        ClientId zero = ClientId.fromHex("00ffffffffffffffffffffffffffffff");
        store.register(high, "high", T0);
        store.register(low, "low", T0);
        store.register(zero, "zero", T0);
        assertEquals(List.of(zero, low, high), store.clients().stream().map(ClientRecord::id).toList());
        for (String name : List.of("é", "z", "Z", "a", "a b", "ab")) {
            store.putFile(new FileRecord(low, name, "files/" + name, true));
        }
        assertEquals(List.of("Z", "a", "a b", "ab", "z", "é"),
                store.files(low).stream().map(FileRecord::fileName).toList(), "the order of the UTF-8 bytes");
        assertTrue(store.files(high).isEmpty());
    }

    @Test
    void refusesATakenNameOrATakenIdAndChangesNothing() throws Exception {
        Store store = store();
        ClientId alice = randomId();
        ClientId other = randomId();
        assertTrue(store.register(alice, "alice", T0));
        assertFalse(store.register(other, "alice", T1), "name taken");
        assertFalse(store.register(alice, "bob", T1), "id taken");
        assertTrue(store.client(other).isEmpty());
        assertTrue(store.clientByName("bob").isEmpty());
        assertEquals(List.of(ClientRecord.registered(alice, "alice", T0)), store.clients());
        assertTrue(store.register(other, "bob", T1));
    }

    @Test
    void setsThePublicKeyOnlyForARegisteredClient() throws Exception {
        Store store = store();
        ClientId id = randomId();
        byte[] publicKey = bytes(160, 1);
        assertFalse(store.setPublicKey(id, publicKey, T1));
        assertTrue(store.clients().isEmpty());
        store.register(id, "carol", T0);
        assertTrue(store.setPublicKey(id, publicKey, T1));
        ClientRecord client = store.client(id).orElseThrow();
        assertArrayEquals(publicKey, client.publicKey().orElseThrow());
        assertEquals(T1, client.lastSeen());
        assertTrue(store.setPublicKey(id, publicKey, T2), "a reconnection sets it again");
        assertArrayEquals(publicKey, store.clientByName("carol").orElseThrow().publicKey().orElseThrow());
        assertEquals(T2, store.clientByName("carol").orElseThrow().lastSeen());
    }

    @Test
    void aClientWithAKeyIsBoundForGoodAndTheMarkSurvivesEveryChangeAndAReopen() throws Exception {
        Store store = store();
        ClientId id = randomId();
        ClientId bare = randomId();
        ClientId other = randomId();
        byte[] publicKey = bytes(160, 21);
        assertFalse(store.bindKey(id), "no such client");
        store.register(id, "ivan", T0);
        store.register(bare, "bare", T0);
        store.register(other, "other", T0);
        store.setPublicKey(other, bytes(160, 22), T0);
        assertFalse(store.bindKey(id), "a client without a public key has nothing to be bound to");
        assertFalse(store.client(id).orElseThrow().keyBound());
        store.setPublicKey(id, publicKey, T1);
        assertFalse(store.client(id).orElseThrow().keyBound(), "a public key alone binds nothing");
        assertTrue(store.bindKey(id));
        assertTrue(store.bindKey(id), "binding again changes nothing");
        ClientRecord bound = store.client(id).orElseThrow();
        assertTrue(bound.keyBound());
        assertEquals(new ClientRecord(id, "ivan", Optional.of(publicKey), T1, true), bound);
        assertTrue(store.clientByName("ivan").orElseThrow().keyBound());
        assertEquals(List.of(false, true, false), store.clients().stream()
                .sorted(java.util.Comparator.comparing(ClientRecord::name)).map(ClientRecord::keyBound).toList(),
                "bare, ivan, other: only the one bound");
        store.touch(id, T2);
        assertTrue(store.client(id).orElseThrow().keyBound(), "a touch keeps the mark");
        assertTrue(store.setPublicKey(id, publicKey, T2), "a reconnection sets the key again");
        assertTrue(store.client(id).orElseThrow().keyBound(), "and keeps the mark");
        assertEquals(1, store.expireRegistrations(T2.plusSeconds(60)), "only the bare registration expires");
        store.close();

        Store again = reopened();
        ClientRecord reopened = again.client(id).orElseThrow();
        assertTrue(reopened.keyBound(), "the mark is durable");
        assertArrayEquals(publicKey, reopened.publicKey().orElseThrow());
        assertEquals(T2, reopened.lastSeen());
        assertFalse(again.client(other).orElseThrow().keyBound());
        assertTrue(again.deleteClient(id));
        assertTrue(again.register(id, "ivan", T2), "a deleted client's id and name are free, unbound");
        assertFalse(again.client(id).orElseThrow().keyBound());
    }

    @Test
    void noClientRecordHoldsAnAesKey() {
        assertEquals(List.of("id", "name", "publicKey", "lastSeen", "keyBound"),
                java.util.Arrays.stream(ClientRecord.class.getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName).toList(),
                "the AES key issued to a connection is the connection's; no store is given one, none gives one back");
    }

    @Test
    void aStoreOfAnEarlierBuildOpensAndKeepsNoAesKeyAtRest() throws Exception {
        ClientId keyed = randomId();
        ClientId bare = randomId();
        byte[] publicKey = bytes(160, 11);
        byte[] aesKey = bytes(32, 12);
        byte[] otherAesKey = bytes(32, 13);
        Store earlier = track(openEarlierStore(List.of(new EarlierClient(keyed, "earlier", publicKey, aesKey, T1),
                new EarlierClient(bare, "bare", null, otherAesKey, T0))));
        ClientRecord client = earlier.client(keyed).orElseThrow();
        assertEquals("earlier", client.name());
        assertArrayEquals(publicKey, client.publicKey().orElseThrow());
        assertEquals(T1, client.lastSeen());
        assertEquals(Optional.of(ClientRecord.registered(bare, "bare", T0)), earlier.client(bare));
        assertEquals(1, earlier.keyedClientCount());
        assertEquals(1, earlier.expireRegistrations(T1), "a client of an earlier build that never sent its key expires too");
        earlier.close();
        assertFalse(keptAtRest(aesKey), "the AES key an earlier build stored is gone");
        assertFalse(keptAtRest(otherAesKey), "the AES key an earlier build stored is gone");
        assertTrue(keptAtRest(publicKey), "the public key is kept (and the check can see what is there)");
    }

    @Test
    void aRegistrationThatNeverSendsItsKeyExpiresAndFreesItsName() throws Exception {
        Store store = store();
        ClientId stale = randomId();
        ClientId recent = randomId();
        ClientId touched = randomId();
        ClientId keyed = randomId();
        store.register(stale, "stale", T0);
        store.register(recent, "recent", T1);
        store.register(touched, "touched", T0);
        store.touch(touched, T1);
        store.register(keyed, "keyed", T0);
        store.setPublicKey(keyed, bytes(160, 8), T0);
        store.putFile(new FileRecord(stale, "f", "files/f", false));
        assertEquals(4, store.clientCount());
        assertEquals(1, store.keyedClientCount(), "only a client with a public key counts against max.clients");

        assertEquals(0, store.expireRegistrations(T0), "registered at T0 is not before T0");
        assertEquals(1, store.expireRegistrations(T1));
        assertEquals(Optional.empty(), store.client(stale));
        assertEquals(Optional.empty(), store.clientByName("stale"));
        assertEquals(List.of(), store.files(stale));
        assertTrue(store.client(recent).isPresent());
        assertTrue(store.client(touched).isPresent(), "last seen after the limit");
        assertTrue(store.client(keyed).isPresent(), "a client with a key never expires");
        assertEquals(3, store.clientCount());
        assertEquals(1, store.keyedClientCount());
        assertTrue(store.register(randomId(), "stale", T2), "the name is free again");
        assertEquals(0, store.expireRegistrations(T1), "nothing more before T1");

        store.setPublicKey(recent, bytes(160, 9), T2);
        assertEquals(2, store.keyedClientCount());
        store.close();
        Store again = reopened();
        assertEquals(4, again.clientCount());
        assertEquals(2, again.keyedClientCount(), "the counts survive a reopen");
        assertEquals(2, again.expireRegistrations(T2.plusSeconds(1)), "touched, and stale registered again");
        assertEquals(2, again.keyedClientCount());
        assertEquals(List.of("keyed", "recent"), again.clients().stream().map(ClientRecord::name).sorted().toList());
    }

    @Test
    void touchUpdatesLastSeenIgnoresUnknownClientsAndSurvivesAReopen() throws Exception {
        Store store = store();
        ClientId id = randomId();
        store.touch(id, T1);
        assertTrue(store.clients().isEmpty(), "a touch of an unknown id registers nothing");
        store.register(id, "dave", T0);
        assertEquals(T0, store.client(id).orElseThrow().lastSeen(), "a touch before registration is ignored");
        store.touch(id, T2);
        assertEquals(T2, store.client(id).orElseThrow().lastSeen());
        assertEquals(T2, store.clientByName("dave").orElseThrow().lastSeen());
        assertEquals(T2, store.clients().getFirst().lastSeen());
        store.close();
        assertEquals(T2, reopened().client(id).orElseThrow().lastSeen(), "close keeps the last touch");
    }

    @Test
    void setPublicKeyAfterATouchSetsLastSeen() throws Exception {
        Store store = store();
        ClientId id = randomId();
        store.register(id, "judy", T0);
        store.touch(id, T1);
        store.setPublicKey(id, bytes(160, 6), T2);
        assertEquals(T2, store.client(id).orElseThrow().lastSeen());
        store.close();
        assertEquals(T2, reopened().client(id).orElseThrow().lastSeen());
    }

    @Test
    void putsReplacesAndListsFilesPerClient() throws Exception {
        Store store = store();
        ClientId a = randomId();
        ClientId b = randomId();
        FileRecord report = new FileRecord(a, "report.txt", "files/" + a.hex() + "/report.txt", false);
        FileRecord notes = new FileRecord(a, "notes ü.md", "files/" + a.hex() + "/notes ü.md", true);
        FileRecord other = new FileRecord(b, "report.txt", "files/" + b.hex() + "/report.txt", true);
        assertTrue(store.file(a, "report.txt").isEmpty());
        assertTrue(store.files(a).isEmpty());
        store.putFile(report);
        store.putFile(notes);
        store.putFile(other);
        assertEquals(Optional.of(report), store.file(a, "report.txt"));
        assertEquals(List.of(notes, report), store.files(a));
        assertEquals(List.of(other), store.files(b));
        FileRecord verified = new FileRecord(a, "report.txt", "files/" + a.hex() + "/report (2).txt", true);
        store.putFile(verified);
        assertEquals(Optional.of(verified), store.file(a, "report.txt"));
        assertEquals(List.of(notes, verified), store.files(a));
        assertTrue(store.file(a, "report").isEmpty(), "a prefix of a name is another name");
        assertTrue(store.file(b, "notes ü.md").isEmpty(), "files belong to their client");
    }

    @Test
    void aReopenedStoreHoldsEverything() throws Exception {
        Store store = store();
        ClientId a = randomId();
        ClientId b = randomId();
        byte[] publicKey = bytes(160, 4);
        FileRecord file = new FileRecord(a, "x.bin", "files/" + a.hex() + "/x.bin", true);
        FileRecord unverified = new FileRecord(b, "y.bin", "files/" + b.hex() + "/y.bin", false);
        store.register(a, "frank", T0);
        store.register(b, "grace", T0);
        store.setPublicKey(a, publicKey, T1);
        store.touch(b, T2);
        store.putFile(file);
        store.putFile(unverified);
        store.close();

        Store again = reopened();
        ClientRecord frank = again.client(a).orElseThrow();
        assertEquals("frank", frank.name());
        assertArrayEquals(publicKey, frank.publicKey().orElseThrow());
        assertEquals(T1, frank.lastSeen());
        assertEquals(Optional.of(ClientRecord.registered(b, "grace", T2)), again.clientByName("grace"));
        assertEquals(List.of(file), again.files(a));
        assertEquals(List.of(unverified), again.files(b));
        assertFalse(again.register(randomId(), "frank", T2), "the name's uniqueness survives too");
        assertFalse(again.register(a, "someone", T2), "the id's uniqueness survives too");
    }

    @Test
    void aClosedStoreRefusesWork() throws Exception {
        Store store = store();
        store.close();
        store.close();
        ClientId id = randomId();
        assertThrows(StoreException.class, () -> store.register(id, "heidi", T0));
        assertThrows(StoreException.class, () -> store.client(id));
        assertThrows(StoreException.class, () -> store.clientByName("heidi"));
        assertThrows(StoreException.class, () -> store.putFile(new FileRecord(id, "f", "files/f", true)));
        assertThrows(StoreException.class, () -> store.touch(id, T0));
        assertTrue(reopened().client(id).isEmpty(), "nothing of the refused calls took effect");
    }

    @Test
    void sixtyFourThreadsAtOnceEachSeeTheirOwnChangesAndAllSurviveAReopen() throws Exception {
        Store store = store();
        List<Boolean> results = atOnce(thread -> {
            ClientId id = idOf(thread);
            String name = "client-" + thread;
            boolean ok = store.register(id, name, T0);
            ok &= store.setPublicKey(id, bytes(160, thread + 1000), T1);
            store.touch(id, T2);
            store.putFile(new FileRecord(id, "f" + thread, "files/" + id.hex() + "/f" + thread, true));
            ok &= store.clientByName(name).orElseThrow().id().equals(id);
            ok &= store.file(id, "f" + thread).isPresent();
            return ok;
        });
        assertEquals(THREADS, results.stream().filter(Boolean::booleanValue).count());
        store.close();

        Store again = reopened();
        assertEquals(THREADS, again.clients().size());
        for (int thread = 0; thread < THREADS; thread++) {
            ClientRecord c = again.client(idOf(thread)).orElseThrow();
            assertEquals("client-" + thread, c.name());
            assertArrayEquals(bytes(160, thread + 1000), c.publicKey().orElseThrow());
            assertEquals(T2, c.lastSeen());
            assertEquals(1, again.files(idOf(thread)).size());
        }
    }

    @Test
    void aNameOrAnIdIsGivenOnceWhenSixtyFourThreadsRaceForIt() throws Exception {
        Store store = store();
        ClientId sharedId = idOf(-1);
        List<Boolean> nameWins = atOnce(thread -> store.register(idOf(thread), "wanted", T0));
        List<Boolean> idWins = atOnce(thread -> store.register(sharedId, "by-id-" + thread, T0));
        assertEquals(1, nameWins.stream().filter(Boolean::booleanValue).count(), "one registration of the name");
        assertEquals(1, idWins.stream().filter(Boolean::booleanValue).count(), "one registration of the id");
        int idWinner = idWins.indexOf(true);
        int nameWinner = nameWins.indexOf(true);
        store.close();

        Store again = reopened();
        Set<String> names = new HashSet<>();
        for (ClientRecord c : again.clients()) {
            names.add(c.name());
        }
        assertEquals(Set.of("wanted", "by-id-" + idWinner), names);
        assertEquals(idOf(nameWinner), again.clientByName("wanted").orElseThrow().id());
        assertEquals("by-id-" + idWinner, again.client(sharedId).orElseThrow().name());
    }

    @Test
    void raceOfTheSameFileNameLeavesOneWholeRecord() throws Exception {
        Store store = store();
        ClientId id = randomId();
        store.register(id, "racer", T0);
        atOnce(thread -> {
            store.putFile(new FileRecord(id, "same.txt", "files/" + id.hex() + "/same-" + thread, thread % 2 == 0));
            return true;
        });
        List<FileRecord> files = store.files(id);
        assertEquals(1, files.size());
        FileRecord f = files.getFirst();
        int thread = Integer.parseInt(f.pathName().substring(f.pathName().lastIndexOf('-') + 1));
        assertEquals(thread % 2 == 0, f.verified(), "path and verified come from one and the same put");
    }

    /** A client id made from a number, distinct for distinct numbers. */
    protected static ClientId idOf(int n) {
        byte[] b = new byte[16];
        b[0] = 0x7f;
        for (int i = 0; i < 4; i++) {
            b[12 + i] = (byte) (n >>> (24 - 8 * i));
        }
        return ClientId.of(b);
    }

    private static <T> List<T> atOnce(AtOnce.Work<T> work) throws Exception {
        return AtOnce.run(THREADS, work);
    }

    private static FileRecord fileOf(ClientId id, String name, long size, long cksum) {
        return new FileRecord(id, name, "files/" + id.hex() + "/" + name, true, size, cksum);
    }

    /** The default numbers, with versions prunable at once. */
    private static final VersionPolicy KEEP_FIVE = new VersionPolicy(5, 0);

    @Test
    void aBurstOfReplacementsPrunesNothingYoungerThanTheMinimumAge() throws Exception {
        Store store = store();
        ClientId a = randomId();
        store.register(a, "alice", T0);
        store.putFile(fileOf(a, "a.txt", 100, 1), "unused", T0, VersionPolicy.DEFAULT);
        for (int i = 1; i <= 12; i++) {
            assertEquals(List.of(), store.putFile(fileOf(a, "a.txt", 100 + i, 1 + i), "files/v" + i,
                    T0.plusSeconds(i), VersionPolicy.DEFAULT).pruned());
        }
        assertEquals(12, store.versions(a, "a.txt").size(), "the original and every replacement kept");
        assertEquals(100, store.versions(a, "a.txt").getFirst().size(), "the original first");
        Replacement later = store.putFile(fileOf(a, "a.txt", 1, 1), "files/v13", T0.plus(java.time.Duration.ofDays(8)),
                VersionPolicy.DEFAULT);
        assertEquals(8, later.pruned().size(), "a week on, beyond the five the oldest go");
        assertEquals(5, store.versions(a, "a.txt").size());
    }

    @Test
    void aReplacedFileBecomesAVersionTheLastFiveAreKeptAndTheyOutliveAReopen() throws Exception {
        Store store = store();
        ClientId a = randomId();
        store.register(a, "alice", T0);
        Replacement first = store.putFile(fileOf(a, "a.txt", 100, 1), "unused", T0, KEEP_FIVE);
        assertTrue(first.kept().isEmpty(), "a new name replaces nothing");
        for (int i = 1; i <= 7; i++) {
            Replacement r = store.putFile(fileOf(a, "a.txt", 100 + i, 1 + i), "files/v" + i, T0.plusSeconds(i),
                    KEEP_FIVE);
            FileVersion kept = r.kept().orElseThrow();
            assertEquals(i, kept.number());
            assertEquals(100 + i - 1, kept.size(), "the replaced record's size");
            assertEquals(i, kept.cksum(), "and cksum");
            assertEquals(T0.plusSeconds(i), kept.keptAt());
            assertEquals(i <= 5 ? 0 : 1, r.pruned().size());
            if (i > 5) {
                assertEquals(i - 5, r.pruned().getFirst().number(), "the oldest goes");
            }
        }
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), store.versions(a, "a.txt").stream().map(FileVersion::number).toList());
        assertEquals(107 + (102 + 103 + 104 + 105 + 106), store.storedBytes(a));
        assertEquals(fileOf(a, "a.txt", 107, 8), store.file(a, "a.txt").orElseThrow());
        store.close();
        Store again = reopened();
        assertEquals(5, again.versions(a, "a.txt").size(), "durable");
        assertEquals("files/v7", again.versions(a, "a.txt").get(4).pathName());
        assertEquals(T0.plusSeconds(7), again.versions(a, "a.txt").get(4).keptAt());
        assertEquals(8, again.putFile(fileOf(a, "a.txt", 1, 1), "files/v8", T2, KEEP_FIVE)
                .kept().orElseThrow().number(), "numbers are never reused");
    }

    @Test
    void theByteLimitPerClientDropsTheOldestButNeverTheVersionJustKept() throws Exception {
        Store store = store();
        VersionPolicy policy = new VersionPolicy(5, 250);
        ClientId a = randomId();
        ClientId b = randomId();
        store.register(a, "alice", T0);
        store.register(b, "bob", T0);
        store.putFile(fileOf(a, "x", 100, 1), "-", T0, policy);
        store.putFile(fileOf(a, "x", 100, 2), "files/x1", T0.plusSeconds(1), policy);
        store.putFile(fileOf(a, "y", 100, 3), "-", T0.plusSeconds(2), policy);
        store.putFile(fileOf(a, "y", 1000, 4), "files/y1", T0.plusSeconds(3), policy);
        store.putFile(fileOf(b, "x", 100, 5), "-", T0, policy);
        store.putFile(fileOf(b, "x", 100, 6), "files/bx1", T0.plusSeconds(4), policy);
        Replacement r = store.putFile(fileOf(a, "y", 10, 7), "files/y2", T0.plusSeconds(5), policy);
        // versions of a: x1 (100), y1 (100), y2 (1000): over 250; x1 and y1 go, y2 (just kept) stays
        assertEquals(List.of("files/x1", "files/y1"), r.pruned().stream().map(FileVersion::pathName).toList());
        assertEquals("files/y2", r.kept().orElseThrow().pathName());
        assertEquals(List.of(), store.versions(a, "x"));
        assertEquals(1, store.versions(b, "x").size(), "another client's versions are its own");
    }

    @Test
    void keepingNoneDropsTheVersionsAtOnceAndAPlainPutKeepsThem() throws Exception {
        Store store = store();
        ClientId a = randomId();
        store.register(a, "alice", T0);
        store.putFile(fileOf(a, "x", 1, 1), "-", T0, KEEP_FIVE);
        store.putFile(fileOf(a, "x", 2, 2), "files/x1", T0, KEEP_FIVE);
        store.putFile(fileOf(a, "x", 3, 3));
        assertEquals(1, store.versions(a, "x").size());
        assertEquals(fileOf(a, "x", 3, 3), store.file(a, "x").orElseThrow());
        Replacement none = store.putFile(fileOf(a, "x", 4, 4), "files/x2", T0, new VersionPolicy(0, 0));
        assertTrue(none.kept().isEmpty());
        assertEquals(2, none.pruned().size());
        assertEquals(List.of(), store.versions(a, "x"));
        assertEquals(4, store.storedBytes(a));
    }

    @Test
    void replacementsOfOneClientAtOnceLoseNoVersion() throws Exception {
        Store store = store();
        ClientId a = randomId();
        store.register(a, "alice", T0);
        store.putFile(fileOf(a, "same", 0, 0), "-", T0, KEEP_FIVE);
        VersionPolicy keepAll = new VersionPolicy(1000, 0);
        AtOnce.run(THREADS, i -> store.putFile(fileOf(a, "same", i + 1, i), "files/v" + i, T1, keepAll));
        List<FileVersion> versions = store.versions(a, "same");
        assertEquals(THREADS, versions.size(), "every replacement kept what it replaced");
        assertEquals(java.util.stream.LongStream.rangeClosed(1, THREADS).boxed().toList(),
                versions.stream().map(FileVersion::number).toList(), "numbered once each");
    }

    @Test
    void clientsAreCountedAndADeletedClientLeavesNothing() throws Exception {
        Store store = store();
        ClientId a = randomId();
        ClientId b = randomId();
        store.register(a, "alice", T0);
        store.register(b, "bob", T0);
        store.register(b, "bob again", T0);
        assertEquals(2, store.clientCount());
        store.putFile(fileOf(a, "x", 1, 1), "-", T0, KEEP_FIVE);
        store.putFile(fileOf(a, "x", 2, 2), "files/x1", T0, KEEP_FIVE);
        assertTrue(store.deleteClient(a));
        assertFalse(store.deleteClient(a), "gone already");
        assertEquals(Optional.empty(), store.client(a));
        assertEquals(List.of(), store.files(a));
        assertEquals(List.of(), store.versions(a, "x"));
        assertEquals(1, store.clientCount());
        assertTrue(store.register(randomId(), "alice", T1), "the name is free again");
        store.close();
        Store again = reopened();
        assertEquals(2, again.clientCount());
        assertEquals(Optional.empty(), again.client(a));
    }
}
