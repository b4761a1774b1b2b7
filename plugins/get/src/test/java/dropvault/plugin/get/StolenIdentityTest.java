package dropvault.plugin.get;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dropvault.protocol.OpaquePayload;
import dropvault.protocol.OpaqueResponse;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.NameField;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.Response;
import dropvault.retrieval.ContentRequest;
import dropvault.retrieval.RetrievalCodes;
import dropvault.retrieval.SealedChannel;
import dropvault.retrieval.UnsealException;
import dropvault.server.testkit.Peer;
import dropvault.server.testkit.SealedPeer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who has a client's name and id but not its private key, and who recorded what the server sent the
 * client: reconnects, tries to list and to download, replays the client's own request. Gets only bytes it
 * cannot open, and each try costs it a penalty (loopback is not exempt here).
 */
class StolenIdentityTest {
    private static final byte[] SECRET = "the combination is 31-7-42".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path data;
    private final AtomicLong ticker = new AtomicLong(TimeUnit.DAYS.toNanos(1));

    @Test
    void whatTheServerSaysAboutTheFilesOpensForTheKeyHolderOnly() throws Exception {
        try (TestServer server = TestServer.start(data, TestServer.config(data, false), b -> b.ticker(ticker::get))) {
            Peer.Identity victim;
            List<byte[]> recorded = new ArrayList<>();
            byte[] victimsRequest;
            try (TestClient c = server.connect()) {
                victim = Peer.register(c, "victim");
                Peer.store(c, victim, "secret.txt", SECRET);
                SealedChannel channel = new SealedChannel(victim.aesKey(), victim.id(), new SecureRandom());
                victimsRequest = RequestEncoder.encode(victim.id(), new OpaquePayload(RetrievalCodes.GET,
                        channel.seal(RetrievalCodes.GET, new ContentRequest("secret.txt", 0).encode())));
                c.sendRaw(victimsRequest);
                for (int i = 0; i < 2; i++) {
                    recorded.add(((OpaqueResponse) c.read().orElseThrow().payload()).bytes());
                }
                channel.open(RetrievalCodes.CONTENT_BEGINS, recorded.get(0));
                assertArrayEquals(SECRET, channel.open(RetrievalCodes.CONTENT_PIECE, recorded.get(1)));
            }
            for (byte[] r : recorded) {
                assertFalse(contains(r, SECRET), "the content in the clear");
                assertFalse(contains(r, "secret.txt".getBytes(StandardCharsets.US_ASCII)), "the name in the clear");
            }

            KeyPair thief = Peer.CRYPTO.generateKeyPair();
            long penalties = server.figures().penaltyEvents();
            try (TestClient c = server.connect()) {
                c.send(victim.id(), new ReconnectRequest(NameField.of("victim")));
                byte[] wrapped = c.expect(Reconnected.class).wrappedKey();
                assertThrows(GeneralSecurityException.class, () -> Peer.CRYPTO.unwrapKey(thief.getPrivate(), wrapped));
                byte[] guessed = new byte[32];
                new SecureRandom().nextBytes(guessed);
                new SealedPeer(c, new Peer.Identity(victim.id(), "victim", guessed)).send(RetrievalCodes.LIST, new byte[0]);
                c.expectErrorAndClose();
            }
            assertEquals(penalties + 1, server.figures().penaltyEvents(), "a wrong key is a guess at the client's key");
            ticker.addAndGet(TimeUnit.SECONDS.toNanos(1200));

            try (TestClient c = server.connect()) {
                c.send(victim.id(), new ReconnectRequest(NameField.of("victim")));
                c.expect(Reconnected.class);
                c.sendRaw(victimsRequest);
                c.expectErrorAndClose();
            }
            // the only AES keys the thief ever holds are those of its own sessions
            ticker.addAndGet(TimeUnit.SECONDS.toNanos(1200));
            try (TestClient c = server.connect()) {
                byte[] own = Peer.register(c, "thief").aesKey();
                SealedChannel tried = new SealedChannel(own, victim.id(), new SecureRandom());
                assertThrows(UnsealException.class, () -> tried.open(RetrievalCodes.CONTENT_BEGINS, recorded.get(0)));
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
