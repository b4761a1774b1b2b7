package dropvault.plugin.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.retrieval.ContentRequest;
import dropvault.retrieval.FileRow;
import dropvault.retrieval.NotAvailable;
import dropvault.retrieval.Restored;
import dropvault.retrieval.RetrievalCodes;
import dropvault.server.testkit.Peer;
import dropvault.server.testkit.SealedPeer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 842 against a real server: a version current again, nothing lost, the versions policy kept. */
class RestoreTest {
    @TempDir
    Path data;

    private static Restored restore(SealedPeer sealed, String name, long version) throws Exception {
        sealed.send(RetrievalCodes.RESTORE, new ContentRequest(name, version).encode());
        return Restored.decode(sealed.expect(RetrievalCodes.RESTORED));
    }

    @Test
    void aVersionBecomesTheContentAndWhatItReplacedIsKept() throws Exception {
        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "alice");
            byte[] old = Peer.randomBytes(1, 70_000);
            byte[] now = Peer.randomBytes(2, 1000);
            Peer.store(c, who, "doc", old);
            Peer.store(c, who, "doc", now);
            SealedPeer sealed = new SealedPeer(c, who);

            Restored r = restore(sealed, "doc", 1);

            assertEquals(new Restored("doc", 1, 2), r);
            assertArrayEquals(old, sealed.get("doc", 0).content());
            assertArrayEquals(old, sealed.get("doc", 1).content());
            assertArrayEquals(now, sealed.get("doc", 2).content());
            List<FileRow> rows = sealed.list();
            assertEquals(3, rows.size(), rows::toString);
            assertTrue(rows.getFirst().confirmed());
            // an upload after a restore keeps the restored content as a version, as any other
            Peer.store(c, who, "doc", Peer.randomBytes(3, 10));
            assertArrayEquals(old, sealed.get("doc", 3).content());
            assertArrayEquals(old, sealed.get("doc", 1).content());
            assertTrue(server.temporaryFiles().isEmpty());
        }
    }

    @Test
    void whatIsNotThereIsNotAvailableAndVersionZeroIsRefused() throws Exception {
        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "alice");
            Peer.store(c, who, "doc", new byte[5]);
            SealedPeer sealed = new SealedPeer(c, who);
            for (ContentRequest asked : List.of(new ContentRequest("other", 1), new ContentRequest("doc", 1))) {
                sealed.send(RetrievalCodes.RESTORE, asked.encode());
                NotAvailable n = NotAvailable.decode(sealed.expect(RetrievalCodes.NOT_AVAILABLE));
                assertEquals(asked.name().equals("doc") ? NotAvailable.Reason.NO_SUCH_VERSION
                        : NotAvailable.Reason.NO_SUCH_FILE, n.reason());
            }
            sealed.send(RetrievalCodes.RESTORE, new ContentRequest("doc", 0).encode());
            c.expectErrorAndClose();
        }
    }

    @Test
    void theVersionsPolicyHoldsAsForAnUpload() throws Exception {
        try (TestServer server = TestServer.start(data, cfg -> cfg.withSafeguards(cfg.safeguards().withVersions(
                new dropvault.storage.VersionPolicy(1, 0)))); TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "alice");
            byte[] a = Peer.randomBytes(1, 10);
            byte[] b = Peer.randomBytes(2, 20);
            Peer.store(c, who, "doc", a);
            Peer.store(c, who, "doc", b);
            SealedPeer sealed = new SealedPeer(c, who);

            Restored r = restore(sealed, "doc", 1);

            assertEquals(2, r.keptAs());
            List<FileRow> rows = sealed.list();
            assertEquals(List.of(0L, 2L), rows.stream().map(FileRow::version).toList(), rows::toString);
            assertArrayEquals(a, sealed.get("doc", 0).content());
            assertArrayEquals(b, sealed.get("doc", 2).content());
        }
    }
}
