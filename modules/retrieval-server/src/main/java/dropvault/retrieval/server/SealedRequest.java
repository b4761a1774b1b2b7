package dropvault.retrieval.server;

import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.OpaqueResponse;
import dropvault.protocol.Request;
import dropvault.retrieval.ContentRequest;
import dropvault.retrieval.MalformedBodyException;
import dropvault.retrieval.NotAvailable;
import dropvault.retrieval.RetrievalCodes;
import dropvault.retrieval.SealedChannel;
import dropvault.retrieval.UnsealException;
import dropvault.server.spi.Misconduct;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Session;
import java.io.IOException;
import java.util.OptionalLong;

/**
 * A request of the retrieval extension, opened (docs/PROTOCOL.md §10): taken only on a connection whose own
 * key exchange (1602 or 1605) named the client of its header, and with no upload in progress; its body
 * opens with the connection's sealed channel or the connection ends (a wrong key counts as a guess at the
 * client's key). Answers go out sealed on the same channel.
 */
public final class SealedRequest {
    private final Session session;
    private final int code;
    private final SealedChannel channel;
    private final ClientId clientId;
    private final byte[] body;

    private SealedRequest(Session session, int code, SealedChannel channel, ClientId clientId, byte[] body) {
        this.session = session;
        this.code = code;
        this.channel = channel;
        this.clientId = clientId;
        this.body = body;
    }

    /** The largest payload of a request of the extension; empty for other codes. */
    public static OptionalLong maxPayloadSize(int code) {
        return RetrievalCodes.isRequest(code) ? OptionalLong.of(RetrievalCodes.MAX_REQUEST_PAYLOAD) : OptionalLong.empty();
    }

    /**
     * Opens {@code request} on {@code session}.
     *
     * @throws RequestRefusedException when it is out of its turn, or does not open
     */
    public static SealedRequest open(Request request, Session session) throws Exception {
        int code = request.code();
        byte[] key = session.aesKey().orElseThrow(() -> new RequestRefusedException(
                code + " before a key exchange on this connection"));
        ClientId id = request.clientId();
        if (!session.clientId().map(id::equals).orElse(false)) {
            throw new RequestRefusedException(code + " for client " + id + " on a connection of client "
                    + session.clientId().map(ClientId::toString).orElse("none"));
        }
        if (session.uploads().current().isPresent()) {
            throw new RequestRefusedException(code + " while an upload is in progress on this connection");
        }
        SealedChannel channel = session.connectionState(SealedChannel.class,
                () -> new SealedChannel(key, id, session.crypto().random(), CryptoSuites.aeadProvider()));
        byte[] sealed = ((OpaquePayload) request.payload()).bytes();
        byte[][] opened = new byte[1][];
        session.uploads().judged(() -> {
            try {
                opened[0] = channel.open(code, sealed);
            } catch (UnsealException e) {
                session.misconduct(Misconduct.WRONG_KEY);
                throw new RequestRefusedException(e.getMessage(), e);
            }
        });
        return new SealedRequest(session, code, channel, id, opened[0]);
    }

    /** The opened body. */
    public byte[] body() {
        return body.clone();
    }

    public ClientId clientId() {
        return clientId;
    }

    /** The body as a name and a version (841, 842); one that is not is refused like a malformed frame. */
    public ContentRequest contentRequest() throws RequestRefusedException {
        try {
            return ContentRequest.decode(body);
        } catch (MalformedBodyException e) {
            throw new RequestRefusedException(code + " carries a malformed body: " + e.getMessage(), e);
        }
    }

    /** Sends {@code body} sealed as a response of {@code code}. */
    public void reply(int code, byte[] body) throws IOException {
        reply(code, body, 0, body.length);
    }

    public void reply(int code, byte[] body, int offset, int length) throws IOException {
        session.reply(new OpaqueResponse(code, channel.seal(code, body, offset, length)));
    }

    /** Answers that the file or version asked for cannot be served; the connection stays open. */
    public void notAvailable(NotAvailable why) throws IOException {
        reply(RetrievalCodes.NOT_AVAILABLE, why.encode());
    }
}
