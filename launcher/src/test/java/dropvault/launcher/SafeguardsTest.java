package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.ReconnectRefused;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.RegistrationFailed;
import dropvault.protocol.Thanks;
import dropvault.server.FreeSpace;
import dropvault.server.SafeguardFigures;
import dropvault.server.ServerConfig;
import dropvault.storage.FileVersion;
import dropvault.storage.Store;
import dropvault.server.Server;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Penalties, registration limits, the disk reserve, quotas and versions, against an in-process
 * server whose loopback is NOT exempt (the defaults), with a penalty clock the test moves.
 */
class SafeguardsTest {
    private static final long FORGOTTEN = TimeUnit.SECONDS.toNanos(1200);

    @TempDir
    Path data;
    private final AtomicLong ticker = new AtomicLong(TimeUnit.DAYS.toNanos(1));
    private final AtomicLong usable = new AtomicLong(1L << 40);
    private TestServer server;
    private int names;

    private final FreeSpace space = new FreeSpace() {
        @Override
        public long usableBytes() {
            return usable.get();
        }

        @Override
        public long totalBytes() {
            return 1L << 41;
        }
    };

    private void start(UnaryOperator<ServerConfig> tweak) throws Exception {
        server = TestServer.start(data, tweak.apply(TestServer.config(data, false)),
                b -> b.ticker(ticker::get).freeSpace(space));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private SafeguardFigures figures() {
        return server.server().safeguards();
    }

    private String name() {
        return "guard " + (++names);
    }

    /** Registers and uploads 16 random bytes as a file: almost always bad padding, 1607. */
    private void badPadding() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, name());
            c.send(who.id(), new FilePacket(16, 15, 1, 1, NameField.utf8("f.bin"), badCiphertext(who.aesKey())));
            c.expectErrorAndClose();
        }
    }

    /** 16 bytes that decrypt to invalid padding under {@code key}. */
    private static byte[] badCiphertext(byte[] key) throws Exception {
        javax.crypto.Cipher raw = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        raw.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
                new javax.crypto.spec.IvParameterSpec(new byte[16]));
        for (long seed = 0; ; seed++) {
            byte[] candidate = Peer.randomBytes(seed, 16);
            int last = raw.doFinal(candidate)[15] & 0xFF;
            if (last == 0 || last > 16) {
                return candidate;
            }
        }
    }

    private void expectOneEvent(long before) {
        assertEquals(before + 1, figures().penaltyEvents());
        ticker.addAndGet(FORGOTTEN);
    }

    /** An 826 of 10 bytes (it takes 415): the codec refuses it (825 of 10 bytes is an unpadded name). */
    private void malformedFrame() throws Exception {
        try (TestClient c = server.connect()) {
            byte[] header = ByteBuffer.allocate(23 + 10).order(ByteOrder.LITTLE_ENDIAN).put(new byte[16]).put((byte) 3)
                    .putShort((short) 826).putInt(10).array();
            c.sendRaw(header);
            c.expectErrorAndClose();
        }
    }

    /** 828 before any key exchange: a request out of its turn. */
    private void requestOutOfTurn() throws Exception {
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of(name())));
            ClientId id = c.expect(Registered.class).clientId();
            c.send(id, new FilePacket(16, 1, 1, 1, NameField.utf8("f.bin"), new byte[16]));
            c.expectErrorAndClose();
        }
    }

    @FunctionalInterface
    private interface Mistake {
        void run() throws Exception;
    }

    /** A mistake within the source's share (one a minute here) costs only its connection; the next one a penalty. */
    private void expectAPenaltyOnlyForTheSecond(Mistake mistake) throws Exception {
        long n = figures().penaltyEvents();
        mistake.run();
        assertEquals(n, figures().penaltyEvents(), "the first mistake of the minute");
        mistake.run();
        expectOneEvent(n);
    }

    @Test
    void everyKindOfMisconductCostsItsSourceAPenaltyMistakesBeyondTheirShareAndA901Nothing() throws Exception {
        start(c -> c.withLimits(256, 128, Duration.ofSeconds(1))
                .withSafeguards(c.safeguards().toBuilder().mistakesPerMinute(1).build()));
        long n = figures().penaltyEvents();
        badPadding();
        expectOneEvent(n);

        n = figures().penaltyEvents();
        try (TestClient c = server.connect()) {
            c.send(ClientId.fromHex("00112233445566778899aabbccddeeff"), new ReconnectRequest(NameField.of(name())));
            c.expect(ReconnectRefused.class);
        }
        expectOneEvent(n);

        n = figures().penaltyEvents();
        Peer.Identity victim;
        try (TestClient c = server.connect()) {
            victim = Peer.register(c, name());
        }
        try (TestClient c = server.connect()) {
            c.send(victim.id(), new ReconnectRequest(NameField.of(victim.name())));
            c.expect(dropvault.protocol.Reconnected.class);
            c.send(victim.id(), new dropvault.protocol.PublicKeyRequest(NameField.of(victim.name()),
                    Peer.CRYPTO.encodePublicKey(Peer.KEYS.getPublic())));
            c.expectErrorAndClose();
        }
        expectOneEvent(n);

        expectAPenaltyOnlyForTheSecond(this::malformedFrame);
        expectAPenaltyOnlyForTheSecond(this::requestOutOfTurn);

        n = figures().penaltyEvents();
        try (TestClient c = server.connect()) {
            c.sendRaw(new byte[5]);
            // the server closes the connection after the idle timeout of 1 s
            assertTrue(c.closedByServer());
        }
        // counted before the server closed the connection
        expectOneEvent(n);

        n = figures().penaltyEvents();
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, name());
            Peer.upload(c, who, "r.bin", Peer.randomBytes(1, 100), Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.RETRY, NameField.utf8("r.bin")));
            Peer.upload(c, who, "r.bin", Peer.randomBytes(1, 100), Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("r.bin")));
            c.expect(Thanks.class);
        }
        assertEquals(n, figures().penaltyEvents(), "901 is no misconduct");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aPenalizedSourceIsTurnedAwayAtAcceptUntilItsPenaltyRunsDown() throws Exception {
        start(c -> c);
        badPadding();
        badPadding();
        try (TestClient c = server.connect()) {
            assertTrue(c.closedByServer(), "closed at accept");
        }
        assertEquals(1, figures().connectionsTurnedAway());
        assertEquals(1, figures().penalizedSources());
        ticker.addAndGet(TimeUnit.SECONDS.toNanos(5));
        try (TestClient c = server.connect()) {
            Peer.register(c, name());
        }
    }

    /**
     * 100 clients behind one address (a NAT) register at once and begin an upload each: 16 of the
     * uploads go on (limits.uploads.per.source), the other 84 get 1607, no misconduct; each of them
     * reconnects and tries again until its file is stored.
     */
    @Test
    void aHundredClientsBehindOneAddressRegisterAtOnceAndUploadSixteenAtATime() throws Exception {
        start(c -> c);
        int clients = 100;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<byte[]>> stored = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                String name = name();
                byte[] plain = Peer.randomBytes(i, 3000 + i);
                stored.add(pool.submit(() -> {
                    go.await();
                    Peer.Identity who;
                    boolean done;
                    try (TestClient c = server.connect()) {
                        who = Peer.register(c, name);
                        List<FilePacket> packets = Peer.packets(who, NameField.utf8("n.bin"), plain,
                                Peer.Dialect.STANDARD);
                        c.send(who.id(), packets.get(0));
                        finish.await();
                        done = finishUpload(c, who, packets.subList(1, packets.size()));
                    }
                    while (!done) {
                        try (TestClient c = server.connect()) {
                            c.send(who.id(), new ReconnectRequest(NameField.of(name)));
                            byte[] key = Peer.unwrap(c.expect(dropvault.protocol.Reconnected.class).wrappedKey());
                            Peer.Identity now = new Peer.Identity(who.id(), name, key);
                            done = finishUpload(c, now, Peer.packets(now, NameField.utf8("n.bin"), plain,
                                    Peer.Dialect.STANDARD));
                        }
                    }
                    return Files.readAllBytes(data.resolve("files").resolve(who.id().hex()).resolve("n.bin"));
                }));
            }
            go.countDown();
            try {
                waitFor(() -> server.server().status().uploadsInFlight() + figures().uploadsOverShare() == clients,
                        "every first packet taken or refused");
                assertEquals(16, server.server().status().uploadsInFlight());
                assertEquals(clients - 16, figures().uploadsOverShare());
            } finally {
                finish.countDown();
            }
            for (int i = 0; i < clients; i++) {
                assertArrayEquals(Peer.randomBytes(i, 3000 + i), stored.get(i).get());
            }
        }
        assertEquals(0, figures().penaltyEvents());
        assertEquals(0, figures().connectionsTurnedAway());
        assertEquals(0, figures().registrationsRefused());
    }

    /** Sends {@code packets} (the rest of an upload) and confirms: false when the upload was refused (1607, or a reset). */
    private static boolean finishUpload(TestClient c, Peer.Identity who, List<FilePacket> packets) throws Exception {
        try {
            for (FilePacket p : packets) {
                c.send(who.id(), p);
            }
            java.util.Optional<dropvault.protocol.Response> r = c.read();
            if (r.isEmpty() || r.get().code() == 1607) {
                return false;
            }
            assertEquals(1603, r.get().code());
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("n.bin")));
            c.expect(Thanks.class);
            return true;
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    @Test
    void aClientWhoseServerLostItRegistersAnewOnTheSameOrANewConnection() throws Exception {
        start(c -> c);
        String lost = name();
        try (TestClient c = server.connect()) {
            c.send(ClientId.fromHex("00112233445566778899aabbccddeeff"), new ReconnectRequest(NameField.of(lost)));
            c.expect(ReconnectRefused.class);
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of(lost)));
            c.expect(Registered.class);
        }
        ticker.addAndGet(FORGOTTEN);
        String other = name();
        try (TestClient c = server.connect()) {
            c.send(ClientId.fromHex("00112233445566778899aabbccddeef0"), new ReconnectRequest(NameField.of(other)));
            c.expect(ReconnectRefused.class);
        }
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of(other)));
            c.expect(Registered.class);
        }
    }

    @Test
    void anExemptSourceIsNeverPenalized() throws Exception {
        start(c -> c.withExempt("127.0.0.0/8", "::1"));
        for (int i = 0; i < 5; i++) {
            badPadding();
        }
        assertEquals(0, figures().penaltyEvents());
        assertEquals(0, figures().connectionsTurnedAway());
    }

    /** max.clients counts clients with a public key: these register and send their key. */
    @Test
    void registrationsPerSourceAndInAllHaveLimits() throws Exception {
        start(c -> c.withSafeguards(c.safeguards().withRegistrations(3, 1, 5)));
        for (int i = 0; i < 3; i++) {
            try (TestClient c = server.connect()) {
                Peer.register(c, name());
            }
        }
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of(name())));
            c.expect(RegistrationFailed.class);
        }
        assertEquals(1, figures().registrationsRefused());
        ticker.addAndGet(TimeUnit.MINUTES.toNanos(10));
        for (int i = 0; i < 2; i++) {
            try (TestClient c = server.connect()) {
                Peer.register(c, name());
            }
        }
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of(name())));
            c.expect(RegistrationFailed.class);
        }
        assertEquals(2, figures().registrationsRefused(), "max.clients (5) reached");
    }

    @Test
    void aRegistrationThatNeverSendsItsKeyDoesNotCountAgainstMaxClients() throws Exception {
        start(c -> c.withSafeguards(c.safeguards().withRegistrations(100, 100, 1)));
        for (int i = 0; i < 3; i++) {
            register(name(), Registered.class);
        }
        try (TestClient c = server.connect()) {
            Peer.register(c, name());
        }
        register(name(), RegistrationFailed.class);
        assertEquals(1, figures().registrationsRefused(), "max.clients (1) reached by the one client with a key");
    }

    @Test
    void aRegistrationThatNeverSendsItsKeyExpiresByTheClockAndItsNameIsFreeAgain() throws Exception {
        MovingClock clock = new MovingClock(java.time.Instant.parse("2026-12-04T10:00:00Z"));
        server = TestServer.start(data, TestServer.config(data, false),
                b -> b.ticker(ticker::get).freeSpace(space).clock(clock));
        ClientId first = register("never keyed", Registered.class).clientId();
        Peer.Identity keyed;
        try (TestClient c = server.connect()) {
            keyed = Peer.register(c, "keyed");
        }
        register("never keyed", RegistrationFailed.class);
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, server.server().expireRegistrations(), "registered exactly 10 minutes ago: not yet");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, server.server().expireRegistrations());
        assertEquals(0, server.server().expireRegistrations());
        ClientId again = register("never keyed", Registered.class).clientId();
        assertFalse(again.equals(first), "a new registration of the freed name");
        try (TestClient c = server.connect()) {
            c.send(keyed.id(), new ReconnectRequest(NameField.of("keyed")));
            assertEquals(keyed.id(), c.expect(dropvault.protocol.Reconnected.class).clientId(), "a client with a key stays");
        }
    }

    /** Sends 825 for {@code name} on a connection of its own and expects {@code answer}. */
    private <T extends dropvault.protocol.ResponsePayload> T register(String name, Class<T> answer) throws Exception {
        try (TestClient c = server.connect()) {
            c.send(ClientId.ZERO, new RegisterRequest(NameField.of(name)));
            return c.expect(answer);
        }
    }

    /** A clock the test moves. */
    private static final class MovingClock extends java.time.Clock {
        private volatile java.time.Instant now;

        MovingClock(java.time.Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void anUploadThatDoesNotFitAboveTheReserveIsRefusedAtItsFirstPacket() throws Exception {
        start(c -> c.withSafeguards(c.safeguards().withDisk(1_000_000, 0)));
        usable.set(1_000_000 + 4000);
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, name());
            List<FilePacket> packets = Peer.packets(who, NameField.utf8("big.bin"), Peer.randomBytes(2, 5000),
                    Peer.Dialect.STANDARD);
            c.send(who.id(), packets.get(0));
            c.expectErrorAndClose();
            assertFalse(Files.exists(server.clientFolder(who.id()).resolve("big.bin")));
        }
        assertEquals(List.of(), server.temporaryFiles());
        assertEquals(0, figures().penaltyEvents(), "a full disk is not the client's misconduct");
    }

    @Test
    void anUploadThatCrossesTheReserveWhileItArrivesIsRefusedAndRemoved() throws Exception {
        start(c -> c.withSafeguards(c.safeguards().withDisk(1_000_000, 0)));
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, name());
            List<FilePacket> packets = Peer.packets(who, NameField.utf8("big.bin"), Peer.randomBytes(3, 5000),
                    Peer.Dialect.STANDARD);
            c.send(who.id(), packets.get(0));
            c.send(who.id(), packets.get(1));
            // the first packet passed its check once its temporary file exists (opened for its first bytes,
            // which may wait in a buffer)
            waitFor(() -> !server.temporaryFiles().isEmpty(), "the upload began");
            usable.set(999_999);
            for (FilePacket p : packets.subList(2, packets.size())) {
                c.send(who.id(), p);
            }
            c.expectErrorAndClose();
        }
        assertEquals(List.of(), server.temporaryFiles());
        assertEquals(1, figures().uploadsRefusedForDisk());
    }

    @Test
    void aQuotaCountsFilesAndVersions() throws Exception {
        start(c -> c.withSafeguards(c.safeguards().withDisk(0, 10_000)));
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, name());
            Peer.upload(c, who, "a.bin", Peer.randomBytes(4, 4000), Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("a.bin")));
            c.expect(Thanks.class);
            Peer.upload(c, who, "a.bin", Peer.randomBytes(5, 4000), Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("a.bin")));
            c.expect(Thanks.class);
            // 8,000 bytes stored (a file and its version): 4,016 more do not fit in 10,000
            List<FilePacket> packets = Peer.packets(who, NameField.utf8("b.bin"), Peer.randomBytes(6, 4000),
                    Peer.Dialect.STANDARD);
            c.send(who.id(), packets.get(0));
            c.expectErrorAndClose();
        }
    }

    @Test
    void aConfirmedUploadKeepsWhatTheNameHeldAsAVersion() throws Exception {
        start(c -> c.withExempt("127.0.0.0/8"));
        Store store = null;
        byte[] first = Peer.randomBytes(7, 3000);
        byte[] second = Peer.randomBytes(8, 2000);
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, name());
            for (byte[] content : List.of(first, second)) {
                Peer.upload(c, who, "doc.txt", content, Peer.Dialect.STANDARD);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("doc.txt")));
                c.expect(Thanks.class);
            }
        }
        Path folder = server.clientFolder(who.id());
        assertArrayEquals(second, Files.readAllBytes(folder.resolve("doc.txt")));
        try (var versions = Files.list(folder.resolve(".versions"))) {
            List<Path> kept = versions.toList();
            assertEquals(1, kept.size());
            assertTrue(kept.get(0).getFileName().toString().startsWith("doc.txt@"), kept.toString());
            assertArrayEquals(first, Files.readAllBytes(kept.get(0)));
        }
        assertEquals(1, figures().versionsKept());
        server.stop();
        server = null;
        try (Store s = Server.openStore(TestServer.config(data))) {
            List<FileVersion> versions = s.versions(who.id(), "doc.txt");
            assertEquals(1, versions.size());
            assertEquals(3000, versions.get(0).size());
            assertEquals(2000, s.file(who.id(), "doc.txt").orElseThrow().size());
        }
    }
}
