package dropvault.plugin.get;

import dropvault.crypto.Cksum;
import dropvault.protocol.ClientId;
import dropvault.retrieval.ContentHeader;
import dropvault.retrieval.ContentRequest;
import dropvault.retrieval.NotAvailable;
import dropvault.retrieval.NotAvailable.Reason;
import dropvault.retrieval.RetrievalCodes;
import dropvault.retrieval.server.SealedHandler;
import dropvault.retrieval.server.SealedRequest;
import dropvault.server.spi.Session;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * 841: a file's content (version 0) or a kept version's, as 1641 (name, version, size, cksum, time) then
 * the plaintext in 1642 pieces of 64 KiB, all sealed; one piece in memory at a time, any size. 1644 when
 * there is no such file or version or its bytes cannot be opened. Bytes that end before the recorded size
 * end the connection: the client never takes a short download for the file.
 */
public final class GetHandler extends SealedHandler {

    /** What is served: where its bytes are, and what the store recorded of them. */
    private record Stored(String name, long version, String pathName, long size, long cksum, Instant written) {
    }

    public GetHandler() {
        super(RetrievalCodes.GET);
    }

    @Override
    protected void serve(SealedRequest r, Session session) throws Exception {
        ContentRequest asked = r.contentRequest();
        Optional<FileRecord> file = session.store().file(r.clientId(), asked.name());
        if (file.isEmpty()) {
            r.notAvailable(new NotAvailable(Reason.NO_SUCH_FILE, asked.name(), asked.version()));
            return;
        }
        Optional<Stored> stored = find(session, r.clientId(), file.get(), asked.version());
        if (stored.isEmpty()) {
            r.notAvailable(new NotAvailable(Reason.NO_SUCH_VERSION, asked.name(), asked.version()));
            return;
        }
        Stored s;
        try {
            s = withKnownSize(session, stored.get());
        } catch (IOException e) {
            session.logger().log(System.Logger.Level.WARNING, "cannot read " + stored.get().pathName() + ": " + e);
            r.notAvailable(new NotAvailable(Reason.UNREADABLE, asked.name(), asked.version()));
            return;
        }
        InputStream in;
        try {
            in = session.files().read(s.pathName());
        } catch (IOException e) {
            session.logger().log(System.Logger.Level.WARNING, "cannot read " + s.pathName() + ": " + e);
            r.notAvailable(new NotAvailable(Reason.UNREADABLE, asked.name(), asked.version()));
            return;
        }
        try (in) {
            r.reply(RetrievalCodes.CONTENT_BEGINS, new ContentHeader(s.name(), s.version(), s.size(), s.cksum(),
                    s.written()).encode());
            send(r, in, s);
        }
    }

    private static Optional<Stored> find(Session session, ClientId id, FileRecord file, long version) throws Exception {
        if (version == 0) {
            return Optional.of(new Stored(file.fileName(), 0, file.pathName(), file.size(), file.cksum(),
                    written(session, file.pathName())));
        }
        for (FileVersion v : session.store().versions(id, file.fileName())) {
            if (v.number() == version) {
                return Optional.of(new Stored(v.fileName(), version, v.pathName(), v.size(), v.cksum(), v.keptAt()));
            }
        }
        return Optional.empty();
    }

    private static Instant written(Session session, String pathName) {
        try {
            return session.files().written(pathName);
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** A record of a store that kept no size or cksum: both measured from the bytes. */
    private static Stored withKnownSize(Session session, Stored s) throws IOException {
        if (s.size() >= 0 && s.cksum() >= 0) {
            return s;
        }
        Cksum cksum = new Cksum();
        byte[] buffer = new byte[RetrievalCodes.PIECE_SIZE];
        try (InputStream in = session.files().read(s.pathName())) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                cksum.update(buffer, 0, n);
            }
        }
        return new Stored(s.name(), s.version(), s.pathName(), cksum.length(), cksum.value(), s.written());
    }

    private static void send(SealedRequest r, InputStream in, Stored s) throws IOException {
        byte[] piece = new byte[RetrievalCodes.PIECE_SIZE];
        for (long left = s.size(); left > 0; ) {
            int want = (int) Math.min(piece.length, left);
            int n = in.readNBytes(piece, 0, want);
            if (n < want) {
                throw new IOException(s.pathName() + " ends " + left + " bytes before its recorded size " + s.size());
            }
            r.reply(RetrievalCodes.CONTENT_PIECE, piece, 0, n);
            left -= n;
        }
    }
}
