package dropvault.plugin.restore;

import dropvault.retrieval.ContentRequest;
import dropvault.retrieval.NotAvailable;
import dropvault.retrieval.NotAvailable.Reason;
import dropvault.retrieval.Restored;
import dropvault.retrieval.RetrievalCodes;
import dropvault.retrieval.server.SealedHandler;
import dropvault.retrieval.server.SealedRequest;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Session;
import java.util.OptionalLong;

/** 842: version N of a file its current content again ({@link Session#restoreVersion}), answered 1643 or 1644. */
public final class RestoreHandler extends SealedHandler {

    public RestoreHandler() {
        super(RetrievalCodes.RESTORE);
    }

    @Override
    protected void serve(SealedRequest r, Session session) throws Exception {
        ContentRequest asked = r.contentRequest();
        if (asked.version() == 0) {
            throw new RequestRefusedException("842 names version 0, the current content");
        }
        if (session.store().file(r.clientId(), asked.name()).isEmpty()) {
            r.notAvailable(new NotAvailable(Reason.NO_SUCH_FILE, asked.name(), asked.version()));
            return;
        }
        OptionalLong keptAs = session.restoreVersion(r.clientId(), asked.name(), asked.version());
        if (keptAs.isEmpty()) {
            r.notAvailable(new NotAvailable(Reason.NO_SUCH_VERSION, asked.name(), asked.version()));
            return;
        }
        r.reply(RetrievalCodes.RESTORED, new Restored(asked.name(), asked.version(), keptAs.getAsLong()).encode());
    }
}
