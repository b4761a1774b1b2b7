package dropvault.server.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dropvault.crypto.Cksum;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.OpaqueResponse;
import dropvault.protocol.Response;
import dropvault.retrieval.ContentHeader;
import dropvault.retrieval.ContentRequest;
import dropvault.retrieval.FileRow;
import dropvault.retrieval.ListingPage;
import dropvault.retrieval.NotAvailable;
import dropvault.retrieval.RetrievalCodes;
import dropvault.retrieval.SealedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** What a client of the retrieval extension does on a keyed connection: sealed requests, opened answers. */
public final class SealedPeer {
    private final TestClient client;
    private final Peer.Identity who;
    private final SealedChannel channel;

    /** On {@code client}, whose key exchange gave {@code who} its AES key. */
    public SealedPeer(TestClient client, Peer.Identity who) {
        this.client = client;
        this.who = who;
        this.channel = new SealedChannel(who.aesKey(), who.id(), new SecureRandom());
    }

    /** A sealed request of {@code code} carrying {@code body}. */
    public void send(int code, byte[] body) throws IOException {
        client.send(who.id(), new OpaquePayload(code, channel.seal(code, body)));
    }

    /** The next response, which must be of {@code code}, opened. */
    public byte[] expect(int code) throws Exception {
        Response r = client.read().orElseThrow(() -> new AssertionError("connection closed; expected " + code));
        assertEquals(code, r.code(), "response code");
        return channel.open(code, assertInstanceOf(OpaqueResponse.class, r.payload()).bytes());
    }

    /** 840, and every page of the answer. */
    public List<FileRow> list() throws Exception {
        send(RetrievalCodes.LIST, new byte[0]);
        List<FileRow> rows = new ArrayList<>();
        ListingPage page;
        do {
            page = ListingPage.decode(expect(RetrievalCodes.FILES));
            rows.addAll(page.rows());
        } while (!page.last());
        return rows;
    }

    /** What 841 brought: the header and the content (checked against the header's size and cksum). */
    public record Download(ContentHeader header, byte[] content) {
    }

    /** 841 of a file small enough for memory. */
    public Download get(String name, long version) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentHeader h = get(name, version, out);
        return new Download(h, out.toByteArray());
    }

    /** 841, the content written to {@code out}; its size and cksum checked against the header. */
    public ContentHeader get(String name, long version, OutputStream out) throws Exception {
        send(RetrievalCodes.GET, new ContentRequest(name, version).encode());
        ContentHeader h = ContentHeader.decode(expect(RetrievalCodes.CONTENT_BEGINS));
        Cksum cksum = new Cksum();
        for (long i = 0; i < h.pieces(); i++) {
            byte[] piece = expect(RetrievalCodes.CONTENT_PIECE);
            cksum.update(piece);
            out.write(piece);
        }
        assertEquals(h.size(), cksum.length(), "bytes received");
        assertEquals(h.cksum(), cksum.value(), "cksum of the content");
        return h;
    }

    /** 841 of something the server does not have: its 1644. */
    public NotAvailable getRefused(String name, long version) throws Exception {
        send(RetrievalCodes.GET, new ContentRequest(name, version).encode());
        return NotAvailable.decode(expect(RetrievalCodes.NOT_AVAILABLE));
    }
}
