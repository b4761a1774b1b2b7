package dropvault.plugin.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.OpaquePayload;
import dropvault.protocol.OpaqueResponse;
import dropvault.protocol.Response;
import dropvault.retrieval.RetrievalCodes;
import dropvault.retrieval.SealedChannel;
import dropvault.server.testkit.Peer;
import dropvault.server.testkit.SealedPeer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any bytes as 840, 841 or 842, sealed with the right key or not, of any size: the server answers what
 * opens and means something, refuses the rest with 1607 and a close, and goes on serving.
 */
class HostileRetrievalProperties {
    private static final byte[] CONTENT = Peer.randomBytes(9, 100_000);
    private static Path data;
    private static TestServer server;

    @BeforeContainer
    static void start() throws Exception {
        data = Files.createTempDirectory("hostile-retrieval");
        server = TestServer.start(data);
    }

    @AfterContainer
    static void stop() throws Exception {
        server.stop();
        server.close();
        try (java.util.stream.Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<Integer> codes() {
        return Arbitraries.of(RetrievalCodes.LIST, RetrievalCodes.GET, RetrievalCodes.RESTORE);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(1100),
                // a plausible body: a short name and a version, its bytes then bent
                Arbitraries.integers().between(0, 12).flatMap(n -> Arbitraries.bytes().array(byte[].class)
                        .ofSize(2 + n + 4).map(b -> {
                            b[0] = n.byteValue();
                            b[1] = 0;
                            return b;
                        })));
    }

    @Property(tries = 150)
    void whateverComesTheServerAnswersOrRefusesAndGoesOn(@ForAll("codes") int code, @ForAll("bodies") byte[] body,
                                                          @ForAll boolean sealedRight) throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "hostile-" + Long.toHexString(new SecureRandom().nextLong()));
            Peer.store(c, who, "kept", CONTENT);
            byte[] payload = sealedRight
                    ? new SealedChannel(who.aesKey(), who.id(), new SecureRandom()).seal(code, body) : body;
            c.send(who.id(), new OpaquePayload(code, payload));
            Optional<Response> first = c.read();
            if (first.isPresent() && first.get().code() == 1607) {
                assertTrue(c.closedByServer(), "1607 and the connection stays open");
            } else {
                assertTrue(first.isPresent(), "closed with no answer");
                assertTrue(sealedRight, "an answer to a request not sealed with the key: " + first.get().code());
                assertTrue(RetrievalCodes.isResponse(first.get().code()), "answered " + first.get().code());
                assertTrue(first.get().payload() instanceof OpaqueResponse);
            }
        }
        try (TestClient c = server.connect()) {
            Peer.Identity fresh = Peer.register(c, "after-" + Long.toHexString(new SecureRandom().nextLong()));
            Peer.store(c, fresh, "f", CONTENT);
            SealedPeer sealed = new SealedPeer(c, fresh);
            assertArrayEquals(CONTENT, sealed.get("f", 0).content(), "the server serves on");
            assertEquals(1, sealed.list().size());
        }
    }
}
