package dropvault.plugin.crc;

import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.Request;
import dropvault.protocol.RequestCode;
import dropvault.protocol.Thanks;
import dropvault.server.spi.PendingUpload;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Session;
import dropvault.server.spi.UploadOutcome;
import java.io.IOException;
import java.util.Set;

/**
 * 900, 901, 902: the client's verdict on the cksum of the upload that 1603 answered. 900 keeps the
 * file under its name, confirmed ({@link dropvault.server.spi.Uploads#keep}), then 1604; 901 drops it and
 * waits for the packets again (three times at most); 902 drops it, then 1604.
 */
public final class CrcHandler implements RequestHandler {
    static final int MAX_RESENDS = dropvault.protocol.Protocol.MAX_RESENDS;

    @Override
    public Set<Integer> codes() {
        return Set.of(RequestCode.CRC_OK.code(), RequestCode.CRC_RETRY.code(), RequestCode.CRC_ABORT.code());
    }

    @Override
    public void handle(Request request, Session session) throws Exception {
        CrcReport report = (CrcReport) request.payload();
        ClientId id = request.clientId();
        PendingUpload upload = session.uploads().current().filter(PendingUpload::complete).orElseThrow(
                () -> new RequestRefusedException(request.code() + " with no complete upload on this connection"));
        if (!session.clientId().orElseThrow().equals(id)) {
            throw new RequestRefusedException(request.code() + " for client " + id + " on a connection of client "
                    + session.clientId().get());
        }
        if (!report.fileName().text().equals(upload.fileName().text())) {
            throw new RequestRefusedException(request.code() + " names '" + report.fileName() + "', but '"
                    + upload.fileName() + "' was uploaded");
        }
        switch (report.verdict()) {
            case MATCHED -> {
                session.uploads().keep();
                session.reply(new Thanks(id));
            }
            case RETRY -> {
                if (session.uploads().resends() >= MAX_RESENDS) {
                    session.uploads().end(UploadOutcome.ABANDONED);
                    throw new RequestRefusedException("901 after " + MAX_RESENDS + " resends");
                }
                session.uploads().countResend();
                session.uploads().end(UploadOutcome.RESEND);
                answerWaitingClient(session, id);
            }
            case ABORT -> {
                session.uploads().end(UploadOutcome.ABANDONED);
                session.reply(new Thanks(id));
            }
        }
    }

    /**
     * PROTOCOL.md §8, the 901 conflict: most clients resend at once and would read a 1604 where they
     * expect 1603, one waits for a 1604 before it resends. So 1604 goes out only when no packet of
     * the resend arrives within the configured wait.
     */
    private static void answerWaitingClient(Session session, ClientId id) throws IOException {
        java.util.Optional<java.time.Duration> wait = session.uploads().resendAnswerWait();
        if (wait.isPresent() && !session.uploads().peerSendsWithin(wait.get())) {
            session.reply(new Thanks(id));
        }
    }
}
