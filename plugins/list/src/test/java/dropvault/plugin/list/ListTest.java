package dropvault.plugin.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.crypto.Cksum;
import dropvault.retrieval.FileRow;
import dropvault.retrieval.ListingPage;
import dropvault.retrieval.RetrievalCodes;
import dropvault.server.testkit.Peer;
import dropvault.server.testkit.SealedPeer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 840 against a real server: the files and versions of the client asking, in pages. */
class ListTest {
    @TempDir
    Path data;

    @Test
    void aNewClientHasOneEmptyLastPage() throws Exception {
        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "alice");
            SealedPeer sealed = new SealedPeer(c, who);
            sealed.send(RetrievalCodes.LIST, new byte[0]);
            ListingPage page = ListingPage.decode(sealed.expect(RetrievalCodes.FILES));
            assertTrue(page.last());
            assertTrue(page.rows().isEmpty());
        }
    }

    @Test
    void filesInNameOrderEachFollowedByItsVersionsOfThisClientOnly() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            try (TestClient c = server.connect()) {
                Peer.store(c, Peer.register(c, "bob"), "bobs.txt", new byte[3]);
            }
            try (TestClient c = server.connect()) {
                Peer.Identity who = Peer.register(c, "alice");
                byte[] v1 = Peer.randomBytes(1, 100);
                byte[] v2 = Peer.randomBytes(2, 200);
                byte[] now = Peer.randomBytes(3, 300);
                for (byte[] content : List.of(v1, v2, now)) {
                    Peer.store(c, who, "b.txt", content);
                }
                Peer.store(c, who, "a.txt", new byte[0]);
                List<FileRow> rows = new SealedPeer(c, who).list();

                assertEquals(List.of("a.txt", "b.txt", "b.txt", "b.txt"), rows.stream().map(FileRow::name).toList());
                assertEquals(List.of(0L, 0L, 1L, 2L), rows.stream().map(FileRow::version).toList());
                assertEquals(List.of(0L, 300L, 100L, 200L), rows.stream().map(FileRow::size).toList());
                assertEquals(Cksum.of(now), rows.get(1).cksum());
                assertEquals(Cksum.of(v1), rows.get(2).cksum());
                assertTrue(rows.get(0).confirmed() && rows.get(1).confirmed());
                assertFalse(rows.get(2).confirmed(), "a version carries no confirmed mark");
            }
        }
    }

    @Test
    void manyFilesComeInSeveralPages() throws Exception {
        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "alice");
            int files = 300;
            for (int i = 0; i < files; i++) {
                Peer.store(c, who, String.format("%03d-", i) + "x".repeat(240), new byte[i % 7]);
            }
            SealedPeer sealed = new SealedPeer(c, who);
            sealed.send(RetrievalCodes.LIST, new byte[0]);
            int pages = 0;
            int rows = 0;
            ListingPage page;
            do {
                page = ListingPage.decode(sealed.expect(RetrievalCodes.FILES));
                pages++;
                rows += page.rows().size();
            } while (!page.last());
            assertEquals(files, rows);
            assertTrue(pages >= 2, pages + " pages");
        }
    }

    @Test
    void beforeAKeyExchangeOnTheConnectionItIsRefused() throws Exception {
        try (TestServer server = TestServer.start(data)) {
            Peer.Identity who;
            try (TestClient c = server.connect()) {
                who = Peer.register(c, "alice");
            }
            try (TestClient c = server.connect()) {
                new SealedPeer(c, who).send(RetrievalCodes.LIST, new byte[0]);
                c.expectErrorAndClose();
            }
        }
    }
}
