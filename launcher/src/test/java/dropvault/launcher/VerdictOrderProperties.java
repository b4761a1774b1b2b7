package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.Thanks;
import dropvault.server.Server;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Connections that each upload one file of the same name and end it every way there is (900, 901, 902,
 * the packets again with no 901, or no verdict at all), in any order: confirmed content is never lost
 * nor replaced by unconfirmed content, the name holds what the rules of docs/DIALECTS.md say, and no
 * temporary file is left.
 */
class VerdictOrderProperties {
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static Path data;
    private static Store store;
    private static TestServer server;

    /** How a connection ends its upload. */
    enum Ending { CONFIRM, RETRY_AND_CLOSE, ABORT, CLOSE, AGAIN_THEN_CONFIRM, AGAIN_THEN_CLOSE }

    @BeforeContainer
    static void start() throws Exception {
        data = Files.createTempDirectory("verdict-properties");
        var config = TestServer.config(data);
        store = Server.openStore(config);
        server = TestServer.start(data, config, b -> b.store(store));
    }

    @AfterContainer
    static void stop() throws Exception {
        server.stop();
        store.close();
        try (var s = Files.walk(data)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<List<Ending>> endings() {
        return Arbitraries.of(Ending.class).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 40)
    void confirmedContentIsNeverLost(@ForAll("endings") List<Ending> endings) throws Exception {
        String name = "verdicts " + CLIENTS.incrementAndGet();
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, name);
        }
        byte[] current = null;
        boolean currentConfirmed = false;
        List<byte[]> everConfirmed = new ArrayList<>();
        List<byte[]> expectedVersions = new ArrayList<>();
        int seed = 0;
        for (Ending e : endings) {
            byte[] content = Peer.randomBytes(CLIENTS.get() * 100L + seed++, 100 + 37 * seed);
            try (TestClient c = server.connect()) {
                Peer.Identity me = reconnect(c, who);
                Peer.upload(c, me, "v.bin", content, Peer.Dialect.STANDARD);
                if (e == Ending.AGAIN_THEN_CONFIRM || e == Ending.AGAIN_THEN_CLOSE) {
                    content = Peer.randomBytes(CLIENTS.get() * 100L + seed++, 50 + 11 * seed);
                    Peer.upload(c, me, "v.bin", content, Peer.Dialect.STANDARD);
                }
                switch (e) {
                    case CONFIRM, AGAIN_THEN_CONFIRM -> verdict(c, me, CrcReport.Verdict.MATCHED, true);
                    case RETRY_AND_CLOSE -> verdict(c, me, CrcReport.Verdict.RETRY, false);
                    case ABORT -> verdict(c, me, CrcReport.Verdict.ABORT, true);
                    case CLOSE, AGAIN_THEN_CLOSE -> { }
                }
            }
            server.awaitConnectionsEnded();
            boolean confirms = e == Ending.CONFIRM || e == Ending.AGAIN_THEN_CONFIRM;
            boolean keptUnconfirmed = (e == Ending.CLOSE || e == Ending.AGAIN_THEN_CLOSE) && !currentConfirmed;
            if (confirms || keptUnconfirmed) {
                if (current != null) {
                    expectedVersions.add(current);
                }
                current = content;
                currentConfirmed = confirms;
                if (confirms) {
                    everConfirmed.add(content);
                }
            }
        }
        assertEquals(List.of(), server.temporaryFilesLeft());
        if (current == null) {
            assertTrue(store.file(who.id(), "v.bin").isEmpty());
            return;
        }
        FileRecord r = store.file(who.id(), "v.bin").orElseThrow();
        assertEquals(currentConfirmed, r.verified(), endings::toString);
        assertArrayEquals(current, Files.readAllBytes(data.resolve(r.pathName())), endings::toString);
        List<FileVersion> versions = store.versions(who.id(), "v.bin");
        assertEquals(expectedVersions.size(), versions.size(), endings::toString);
        for (int i = 0; i < versions.size(); i++) {
            assertArrayEquals(expectedVersions.get(i), Files.readAllBytes(data.resolve(versions.get(i).pathName())),
                    endings::toString);
        }
        for (byte[] confirmed : everConfirmed) {
            assertTrue(java.util.Arrays.equals(confirmed, current) || expectedVersions.stream()
                    .anyMatch(v -> java.util.Arrays.equals(v, confirmed)), endings::toString);
        }
    }

    private static void verdict(TestClient c, Peer.Identity me, CrcReport.Verdict v, boolean answered) throws Exception {
        c.send(me.id(), new CrcReport(v, NameField.utf8("v.bin")));
        if (answered) {
            c.expect(Thanks.class);
        }
    }

    private static Peer.Identity reconnect(TestClient c, Peer.Identity who) throws Exception {
        c.send(who.id(), new ReconnectRequest(NameField.of(who.name())));
        return new Peer.Identity(who.id(), who.name(), Peer.unwrap(c.expect(Reconnected.class).wrappedKey()));
    }
}
