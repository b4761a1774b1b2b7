package dropvault.plugin.get;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.retrieval.NotAvailable;
import dropvault.server.testkit.Peer;
import dropvault.server.testkit.SealedPeer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetTest {
    @TempDir
    Path data;

    @Test
    void aFileComesBackAsItWasSent() throws Exception {
        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "alice");
            byte[] plain = Peer.randomBytes(1, 200_000);
            Peer.store(c, who, "notes.txt", plain);
            SealedPeer sealed = new SealedPeer(c, who);
            SealedPeer.Download d = sealed.get("notes.txt", 0);
            assertArrayEquals(plain, d.content());
            assertEquals(NotAvailable.Reason.NO_SUCH_FILE, sealed.getRefused("other.txt", 0).reason());
        }
    }
}
