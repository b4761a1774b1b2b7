package dropvault.plugin.upload;

import dropvault.protocol.ClientId;
import dropvault.protocol.FilePacket;
import dropvault.protocol.FileReceived;
import dropvault.protocol.Protocol;
import dropvault.protocol.Request;
import dropvault.protocol.RequestCode;
import dropvault.server.spi.Misconduct;
import dropvault.server.spi.PendingUpload;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Session;
import dropvault.server.spi.UploadOutcome;
import java.util.Optional;
import java.util.Set;

/**
 * 828: streams the packets of a file through the connection's AES key, cksum and a temporary file
 * in the client's folder, and answers the last one with 1603. Whatever it refuses gets 1607, and
 * the server discards the temporary file with the upload.
 */
public final class UploadHandler implements RequestHandler {

    @Override
    public Set<Integer> codes() {
        return Set.of(RequestCode.FILE_PACKET.code());
    }

    @Override
    public void handle(Request request, Session session) throws Exception {
        byte[] aesKey = session.aesKey().orElseThrow(
                () -> new RequestRefusedException("828 before a key exchange on this connection"));
        ClientId id = request.clientId();
        if (!session.clientId().orElseThrow().equals(id)) {
            throw new RequestRefusedException("828 for client " + id + " on a connection of client "
                    + session.clientId().get());
        }
        FilePacket packet = (FilePacket) request.payload();
        if (session.uploads().current().orElse(null) instanceof StreamingUpload done && done.takesExtraPacket(packet)) {
            return;
        }
        StreamingUpload upload = current(session, packet).orElse(null);
        if (upload == null) {
            upload = start(session, id, aesKey, packet);
        }
        upload.accept(packet);
        if (upload.complete()) {
            session.reply(new FileReceived(id, upload.contentSize(), upload.fileName(), upload.cksum()));
        }
    }

    /**
     * The upload this packet continues; empty when it starts one. The first packet of the same file after
     * 1603 counts as a 901 (docs/DIALECTS.md, "900 never sent"): the upload awaiting its verdict is dropped.
     */
    private static Optional<StreamingUpload> current(Session session, FilePacket packet) throws Exception {
        Optional<PendingUpload> pending = session.uploads().current();
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        if (pending.get() instanceof StreamingUpload s && !s.complete()) {
            return Optional.of(s);
        }
        if (pending.get() instanceof StreamingUpload s && s.startsAgain(packet)) {
            if (session.uploads().resends() >= Protocol.MAX_RESENDS) {
                throw new RequestRefusedException("the packets of " + s.fileName() + " sent again after "
                        + Protocol.MAX_RESENDS + " resends");
            }
            session.uploads().countResend();
            session.uploads().end(UploadOutcome.RESEND);
            return Optional.empty();
        }
        throw new RequestRefusedException("828 while the last upload awaits 900, 901 or 902");
    }

    private static StreamingUpload start(Session session, ClientId id, byte[] aesKey, FilePacket first)
            throws Exception {
        long maxContent = (session.uploads().maxFileSize() / 16 + 1) * 16;
        if (first.contentSize() > maxContent || first.originalSize() > session.uploads().maxFileSize()) {
            throw new RequestRefusedException("a file of " + first.contentSize() + " encrypted bytes is larger than"
                    + " the " + session.uploads().maxFileSize() + " bytes this server takes");
        }
        StreamingUpload upload = new StreamingUpload(first);
        session.uploads().begin(upload);
        session.uploads().claimDisk(id, first.contentSize());
        upload.open(new StreamingUpload.Resources() {
            @Override
            public dropvault.storage.files.UploadTarget newTarget() throws java.io.IOException {
                return session.files().newUpload(id);
            }

            @Override
            public dropvault.crypto.AesCbcStream next() throws java.security.InvalidKeyException {
                return session.crypto().decryptor(aesKey);
            }
        }, session.uploads()::checkDisk, () -> session.misconduct(Misconduct.BAD_PADDING), session.uploads()::judged);
        return upload;
    }
}
