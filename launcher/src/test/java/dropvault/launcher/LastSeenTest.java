package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.protocol.NameField;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.server.Server;
import dropvault.storage.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every request updates the client's last-seen time. */
class LastSeenTest {
    @TempDir
    Path data;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void everyRequestMovesLastSeen() throws Exception {
        ManualClock clock = new ManualClock();
        try (Store store = Server.openStore(TestServer.config(data));
             TestServer server = TestServer.start(data, store, clock)) {
            Peer.Identity who;
            try (TestClient c = server.connect()) {
                who = Peer.register(c, "last seen");
                assertEquals(clock.now, store.client(who.id()).orElseThrow().lastSeen());
                List<dropvault.protocol.FilePacket> packets = Peer.packets(who, NameField.utf8("l.bin"),
                        Peer.randomBytes(1, 3000), Peer.Dialect.STANDARD);
                for (var p : packets.subList(0, 2)) {
                    clock.now = clock.now.plus(Duration.ofMinutes(1));
                    Instant sent = clock.now;
                    c.send(who.id(), p);
                    Await.until("last seen moves", () -> lastSeen(store, who).equals(sent));
                }
            }
            clock.now = clock.now.plus(Duration.ofHours(1));
            try (TestClient c = server.connect()) {
                c.send(who.id(), new ReconnectRequest(NameField.of("last seen")));
                c.expect(Reconnected.class);
                assertEquals(clock.now, lastSeen(store, who));
            }
        }
    }

    private static Instant lastSeen(Store store, Peer.Identity who) {
        try {
            return store.client(who.id()).orElseThrow().lastSeen();
        } catch (dropvault.storage.StoreException e) {
            throw new IllegalStateException(e);
        }
    }
}
