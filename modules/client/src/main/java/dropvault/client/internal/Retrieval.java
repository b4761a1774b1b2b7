package dropvault.client.internal;

import dropvault.client.UploadException;
import dropvault.client.UploadException.Failure;
import dropvault.client.UploadListener;
import dropvault.crypto.Cksum;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.OpaqueResponse;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.Response;
import dropvault.retrieval.ContentHeader;
import dropvault.retrieval.ContentRequest;
import dropvault.retrieval.FileRow;
import dropvault.retrieval.ListingPage;
import dropvault.retrieval.MalformedBodyException;
import dropvault.retrieval.NotAvailable;
import dropvault.retrieval.Restored;
import dropvault.retrieval.RetrievalCodes;
import dropvault.retrieval.SealedChannel;
import dropvault.retrieval.UnsealException;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The retrieval extension (docs/PROTOCOL.md §10) on a reconnected session: sealed requests, opened
 * answers. A server that refuses, closes or stays silent at the first request does not serve the
 * extension ({@link Failure#NO_RETRIEVAL}); the requests are never repeated on another connection.
 */
public final class Retrieval {
    /** How long a server may stay silent at the first request before it counts as not serving the extension. */
    static final long FIRST_ANSWER_MILLIS = 10_000;

    private final ServerExchange exchange;
    private final Handshake handshake;
    private final UploadListener listener;
    private final SealedChannel channel;
    private boolean answeredBefore;

    Retrieval(ServerExchange exchange, Handshake handshake, UploadListener listener) {
        this.exchange = exchange;
        this.handshake = handshake;
        this.listener = listener;
        this.channel = new SealedChannel(handshake.aesKey(), handshake.identity().clientId(), new SecureRandom(),
                dropvault.crypto.CryptoSuites.aeadProvider());
    }

    /** 840: every file and kept version. */
    public List<FileRow> list() throws UploadException {
        Response r = request("list (840)", RetrievalCodes.LIST, new byte[0], Set.of(RetrievalCodes.FILES));
        List<FileRow> rows = new ArrayList<>();
        while (true) {
            Response page0 = r;
            ListingPage page = decode("list (840)", () -> ListingPage.decode(open(page0)));
            rows.addAll(page.rows());
            if (page.last()) {
                return rows;
            }
            r = expectNext("list (840)", RetrievalCodes.FILES);
        }
    }

    /**
     * 841: the content of {@code name} (version 0: the current one) into {@code out}, its size and cksum
     * checked; {@code out} holds garbage when this throws.
     */
    public ContentHeader get(String name, long version, OutputStream out) throws UploadException {
        String what = "get " + name + (version == 0 ? "" : " version " + version) + " (841)";
        Response r = request(what, RetrievalCodes.GET, new ContentRequest(name, version).encode(),
                Set.of(RetrievalCodes.CONTENT_BEGINS, RetrievalCodes.NOT_AVAILABLE));
        refuseIfNotAvailable(what, r);
        ContentHeader h = decode(what, () -> ContentHeader.decode(open(r)));
        listener.receiving(h.size());
        Cksum cksum = new Cksum();
        long received = 0;
        // one frame and one piece in memory, whatever the size
        byte[] frame = new byte[RetrievalCodes.PIECE_SIZE + SealedChannel.OVERHEAD];
        byte[] piece = new byte[RetrievalCodes.PIECE_SIZE];
        for (long i = 0; i < h.pieces(); i++) {
            int n = openPiece(what, frame, piece);
            long want = Math.min(RetrievalCodes.PIECE_SIZE, h.size() - received);
            if (n != want) {
                throw new UploadException(Failure.SERVER, what + ": piece " + (i + 1) + " holds " + n + " bytes, not "
                        + want);
            }
            cksum.update(piece, 0, n);
            try {
                out.write(piece, 0, n);
            } catch (IOException e) {
                throw new UploadException(Failure.LOCAL_FILE, what + ": cannot write: " + e.getMessage(), e);
            }
            received += n;
            listener.progress(received, h.size());
        }
        listener.transferFinished();
        if (cksum.value() != h.cksum()) {
            throw new UploadException(Failure.DAMAGED, what + ": the bytes received have cksum " + cksum.value()
                    + ", the server announced " + h.cksum());
        }
        return h;
    }

    /** 842: version {@code version} of {@code name} current again. */
    public Restored restore(String name, long version) throws UploadException {
        String what = "restore " + name + " version " + version + " (842)";
        Response r = request(what, RetrievalCodes.RESTORE, new ContentRequest(name, version).encode(),
                Set.of(RetrievalCodes.RESTORED, RetrievalCodes.NOT_AVAILABLE));
        refuseIfNotAvailable(what, r);
        return decode(what, () -> Restored.decode(open(r)));
    }

    private Response request(String what, int code, byte[] body, Set<Integer> expected) throws UploadException {
        byte[] frame = RequestEncoder.encode(handshake.identity().clientId(), new OpaquePayload(code,
                channel.seal(code, body)));
        ServerExchange.Step step = new ServerExchange.Step(what, c -> c.send(frame), expected, Set.of(), false, false, 1);
        if (answeredBefore) {
            return exchangeOrFail(step);
        }
        exchange.boundAnswers(FIRST_ANSWER_MILLIS);
        try {
            Response r = exchangeOrFail(step);
            answeredBefore = true;
            return r;
        } catch (UploadException e) {
            if (e.failure() == Failure.SERVER || e.failure() == Failure.CONNECTION) {
                throw new UploadException(Failure.NO_RETRIEVAL, "this server cannot list or send files back (" + what
                        + ": " + e.getMessage() + ")", e);
            }
            throw e;
        } finally {
            exchange.boundAnswers(0);
        }
    }

    private Response exchangeOrFail(ServerExchange.Step step) throws UploadException {
        try {
            return exchange.exchange(step);
        } catch (LocalFileException e) {
            throw new UploadException(Failure.LOCAL_FILE, e.getMessage(), e);
        }
    }

    private Response expectNext(String what, int code) throws UploadException {
        Response r = exchange.next(what);
        if (r.code() != code) {
            throw new UploadException(Failure.SERVER, what + ": the server answered " + r.code() + " where " + code
                    + " belongs");
        }
        return r;
    }

    /** The next 1642, read into {@code frame} and opened into {@code piece}; returns the piece's length. */
    private int openPiece(String what, byte[] frame, byte[] piece) throws UploadException {
        ResponseReader.Frame f = exchange.nextInto(what, frame);
        if (f.code() != RetrievalCodes.CONTENT_PIECE) {
            throw new UploadException(Failure.SERVER, what + ": the server answered " + f.code() + " where "
                    + RetrievalCodes.CONTENT_PIECE + " belongs");
        }
        if (f.length() < SealedChannel.OVERHEAD) {
            throw new UploadException(Failure.SERVER, what + ": a piece of " + f.length() + " sealed bytes");
        }
        try {
            return channel.open(f.code(), frame, 0, f.length(), piece);
        } catch (UnsealException e) {
            throw unopened(f.code(), e);
        }
    }

    private void refuseIfNotAvailable(String what, Response r) throws UploadException {
        if (r.code() == RetrievalCodes.NOT_AVAILABLE) {
            NotAvailable n = decode(what, () -> NotAvailable.decode(open(r)));
            throw new UploadException(Failure.NOT_AVAILABLE, "'" + n.name() + "'"
                    + (n.version() == 0 ? "" : " version " + n.version()) + ": " + n.reason().text());
        }
    }

    private byte[] open(Response r) throws UploadException {
        if (!(r.payload() instanceof OpaqueResponse o)) {
            throw new UploadException(Failure.SERVER, "the server answered " + r.code() + " with no sealed payload");
        }
        try {
            return channel.open(r.code(), o.bytes());
        } catch (UnsealException e) {
            throw unopened(r.code(), e);
        }
    }

    /** An answer that does not open: the connection is no use any more. */
    private UploadException unopened(int code, UnsealException e) {
        exchange.dropConnection();
        return new UploadException(Failure.SERVER, "the server's answer " + code + " does not open with this"
                + " connection's key (another server, or changed on the way): " + e.getMessage(), e);
    }

    private interface Decoding<T> {
        T decode() throws MalformedBodyException, UploadException;
    }

    private static <T> T decode(String what, Decoding<T> d) throws UploadException {
        try {
            return d.decode();
        } catch (MalformedBodyException e) {
            throw new UploadException(Failure.SERVER, what + ": a malformed answer: " + e.getMessage(), e);
        }
    }
}
