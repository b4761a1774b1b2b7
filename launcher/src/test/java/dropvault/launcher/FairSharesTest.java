package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FilePacket;
import dropvault.protocol.FileReceived;
import dropvault.protocol.NameField;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.RequestCode;
import dropvault.protocol.Thanks;
import dropvault.server.ServerConfig;
import dropvault.server.events.ServerEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fair shares against an in-process server whose loopback is NOT exempt: the slowest an upload may
 * arrive (judged by a clock the test moves, so no test waits 30 s), upload slots per client, and
 * connections without a key exchange making room for new ones while those with one stay.
 */
class FairSharesTest {
    private static final long WINDOW = dropvault.server.Safeguards.UPLOAD_RATE_WINDOW.toNanos();

    @TempDir
    Path data;
    private final AtomicLong ticker = new AtomicLong(TimeUnit.DAYS.toNanos(1));
    /** 828 frames read whole and handed to their handler: the signal that the server has a packet's bytes. */
    private final AtomicLong packetsRead = new AtomicLong();
    private TestServer server;

    private void start(UnaryOperator<ServerConfig> tweak) throws Exception {
        ServerEvents counting = new ServerEvents() {
            @Override
            public void request(int code) {
                if (code == RequestCode.FILE_PACKET.code()) {
                    packetsRead.incrementAndGet();
                }
            }
        };
        server = TestServer.start(data, tweak.apply(TestServer.config(data, false)),
                b -> b.ticker(ticker::get).events(counting));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /** Sends a packet and waits until the server read it whole. */
    private void sendAndAwait(TestClient c, Peer.Identity who, FilePacket p) throws Exception {
        long before = packetsRead.get();
        c.send(who.id(), p);
        Await.until("the server read packet " + p.packetNumber(), () -> packetsRead.get() > before);
    }

    private static ServerConfig minimumRate(ServerConfig c, long bytesPerSecond) {
        return c.withSafeguards(c.safeguards().toBuilder().uploadMinBytesPerSecond(bytesPerSecond).build());
    }

    /** Three packets of 1 KiB, the second 31 s after the first: far below 1 KiB/s. */
    private List<FilePacket> dripUpload(Peer.Identity who) throws Exception {
        List<FilePacket> packets = Peer.packets(who, NameField.utf8("drip.bin"), Peer.randomBytes(1, 3000),
                Peer.Dialect.STANDARD);
        assertEquals(3, packets.size());
        return packets;
    }

    @Test
    void anUploadSlowerThanTheMinimumIsDroppedAtTheEndOfItsWindowAndItsSourcePenalized() throws Exception {
        start(c -> c);
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "dripper");
            List<FilePacket> packets = dripUpload(who);
            sendAndAwait(c, who, packets.get(0));
            long events = server.figures().penaltyEvents();
            ticker.addAndGet(WINDOW + TimeUnit.SECONDS.toNanos(1));
            c.send(who.id(), packets.get(1));
            c.expectErrorAndClose();
            assertEquals(events + 1, server.figures().penaltyEvents(), "a stall: STALLED");
        }
        assertEquals(1, server.figures().uploadsTooSlow());
        assertEquals(List.of(), server.temporaryFilesLeft());
    }

    @Test
    void withoutAMinimumTheSameUploadIsStored() throws Exception {
        start(c -> minimumRate(c, 0));
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "dripper");
            List<FilePacket> packets = dripUpload(who);
            sendAndAwait(c, who, packets.get(0));
            ticker.addAndGet(WINDOW + TimeUnit.SECONDS.toNanos(1));
            c.send(who.id(), packets.get(1));
            c.send(who.id(), packets.get(2));
            c.expect(FileReceived.class);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("drip.bin")));
            c.expect(Thanks.class);
        }
        assertEquals(0, server.figures().uploadsTooSlow());
    }

    @Test
    void anUploadThatKeepsUpIsStoredHoweverManyWindowsItTakes() throws Exception {
        start(c -> c);
        byte[] plain = Peer.randomBytes(2, 4 * 32 * 1024 - 100);
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "steady");
            List<FilePacket> packets = Peer.packets(who, NameField.utf8("steady.bin"), plain,
                    Peer.Dialect.chunks("32 KiB", 32 * 1024));
            assertEquals(4, packets.size());
            sendAndAwait(c, who, packets.get(0));
            for (FilePacket p : packets.subList(1, 3)) {
                // 32 KiB in each window of 30 s: above 1 KiB/s
                sendAndAwait(c, who, p);
                ticker.addAndGet(WINDOW);
            }
            c.send(who.id(), packets.get(3));
            c.expect(FileReceived.class);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("steady.bin")));
            c.expect(Thanks.class);
            assertTrue(java.util.Arrays.equals(plain, Files.readAllBytes(server.clientFolder(who.id())
                    .resolve("steady.bin"))));
        }
        assertEquals(0, server.figures().uploadsTooSlow());
        assertEquals(0, server.figures().penaltyEvents());
    }

    private Peer.Identity reconnect(TestClient c, Peer.Identity who) throws Exception {
        c.send(who.id(), new ReconnectRequest(NameField.of(who.name())));
        Reconnected r = c.expect(Reconnected.class);
        return new Peer.Identity(who.id(), who.name(), Peer.unwrap(r.wrappedKey()));
    }

    @Test
    void aClientHoldsFourUploadsAtOnceAndItsFifthGets1607WithoutAPenalty() throws Exception {
        start(c -> c);
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "busy");
        }
        List<TestClient> uploading = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                TestClient c = server.connect();
                uploading.add(c);
                Peer.Identity now = reconnect(c, who);
                sendAndAwait(c, now, dripUpload(now).get(0));
            }
            assertEquals(4, server.server().status().uploadsInFlight());
            try (TestClient fifth = server.connect()) {
                Peer.Identity now = reconnect(fifth, who);
                fifth.send(now.id(), dripUpload(now).get(0));
                fifth.expectErrorAndClose();
            }
            assertEquals(1, server.figures().uploadsOverShare());
            assertEquals(0, server.figures().penaltyEvents(), "a share is the server's limit, no misconduct");
            uploading.removeFirst().close();
            Await.until("the first upload was dropped", () -> server.server().status().uploadsInFlight() == 3);
            try (TestClient again = server.connect()) {
                Peer.Identity now = reconnect(again, who);
                Peer.upload(again, now, "fifth.bin", Peer.randomBytes(3, 3000), Peer.Dialect.STANDARD);
            }
        } finally {
            for (TestClient c : uploading) {
                c.close();
            }
        }
    }

    /** A connection that sent nothing yet, once the server serves it (it has a slot, and its place among the idle). */
    private TestClient bare(int open) throws Exception {
        TestClient c = server.connect();
        Await.until(open + " connections open", () -> server.server().status().connectionsOpen() == open);
        return c;
    }

    @Test
    void connectionsWithAKeyExchangeStayWhileThoseWithoutMakeRoomForNewOnes() throws Exception {
        // 6 connections, half of them at most without a key exchange
        start(c -> c.withLimits(6, 128, Duration.ofSeconds(30)));
        try (TestClient registered = server.connect(); TestClient reconnected = server.connect()) {
            Peer.Identity who = Peer.register(registered, "keyed");
            Peer.Identity again = reconnect(reconnected, who);
            try (TestClient idle1 = bare(3); TestClient idle2 = bare(4)) {
                // a frame, with no key exchange: idle2 is now the one idle longest
                idle1.send(ClientId.ZERO, new RegisterRequest(NameField.of("touched")));
                idle1.expect(Registered.class);
                try (TestClient idle3 = bare(5); TestClient new1 = server.connect()) {
                    assertTrue(idle2.closedByServer(), "the one idle longest made room");
                    Peer.Identity newest = Peer.register(new1, "newest");
                    try (TestClient new2 = bare(6); TestClient new3 = server.connect()) {
                        // new1 has its key now, and stays; idle1 is the one idle longest
                        assertTrue(idle1.closedByServer());
                        idle3.send(ClientId.ZERO, new RegisterRequest(NameField.of("still here")));
                        idle3.expect(Registered.class);
                        Peer.upload(new1, newest, "n.bin", Peer.randomBytes(6, 2000), Peer.Dialect.STANDARD);
                    }
                }
                Peer.upload(registered, who, "a.bin", Peer.randomBytes(4, 2000), Peer.Dialect.STANDARD);
                Peer.upload(reconnected, again, "b.bin", Peer.randomBytes(5, 2000), Peer.Dialect.STANDARD);
            }
        }
        assertEquals(2, server.figures().unkeyedConnectionsClosed());
        assertEquals(0, server.figures().penaltyEvents());
    }
}
