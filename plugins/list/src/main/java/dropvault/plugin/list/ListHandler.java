package dropvault.plugin.list;

import dropvault.protocol.ClientId;
import dropvault.retrieval.FileRow;
import dropvault.retrieval.ListingPage;
import dropvault.retrieval.RetrievalCodes;
import dropvault.retrieval.server.SealedHandler;
import dropvault.retrieval.server.SealedRequest;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Session;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** 840: the client's files, each followed by its kept versions, in pages of 1640. */
public final class ListHandler extends SealedHandler {

    public ListHandler() {
        super(RetrievalCodes.LIST);
    }

    @Override
    protected void serve(SealedRequest r, Session session) throws Exception {
        if (r.body().length != 0) {
            throw new RequestRefusedException("840 carries a body of " + r.body().length
                    + " bytes; it carries none");
        }
        for (ListingPage page : ListingPage.of(rows(session, r.clientId()))) {
            r.reply(RetrievalCodes.FILES, page.encode());
        }
    }

    private static List<FileRow> rows(Session session, ClientId id) throws Exception {
        List<FileRow> rows = new ArrayList<>();
        List<FileRecord> files = new ArrayList<>(session.store().files(id));
        files.sort(Comparator.comparing(FileRecord::fileName));
        for (FileRecord f : files) {
            rows.add(new FileRow(f.fileName(), 0, f.size(), f.cksum(), f.verified(), written(session, f.pathName())));
            List<FileVersion> versions = new ArrayList<>(session.store().versions(id, f.fileName()));
            versions.sort(Comparator.comparingLong(FileVersion::number));
            for (FileVersion v : versions) {
                // the store does not record whether replaced content had been confirmed
                rows.add(new FileRow(v.fileName(), v.number(), v.size(), v.cksum(), false, v.keptAt()));
            }
        }
        return rows;
    }

    /** When the file was stored; the epoch when its bytes are missing (the list still shows the record). */
    private static Instant written(Session session, String pathName) {
        try {
            return session.files().written(pathName);
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
