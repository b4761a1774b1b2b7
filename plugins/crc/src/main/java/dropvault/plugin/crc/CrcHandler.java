package dropvault.plugin.crc;

import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.Request;
import dropvault.protocol.RequestCode;
import dropvault.protocol.Thanks;
import dropvault.server.spi.FileArea;
import dropvault.server.spi.PendingUpload;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Session;
import dropvault.server.spi.UploadOutcome;
import dropvault.storage.FileRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 900, 901, 902: the client's verdict on the cksum of the upload that 1603 answered. 900 moves the
 * file into place and records it verified, then 1604; 901 drops it and waits for the packets again
 * (three times at most); 902 drops it, then 1604.
 */
public final class CrcHandler implements RequestHandler {
    /** PROTOCOL.md §5: at most three resends. */
    static final int MAX_RESENDS = 3;

    @Override
    public Set<Integer> codes() {
        return Set.of(RequestCode.CRC_OK.code(), RequestCode.CRC_RETRY.code(), RequestCode.CRC_ABORT.code());
    }

    @Override
    public void handle(Request request, Session session) throws Exception {
        CrcReport report = (CrcReport) request.payload();
        ClientId id = request.clientId();
        PendingUpload upload = session.upload().filter(PendingUpload::complete).orElseThrow(
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
            case MATCHED -> store(session, id, upload);
            case RETRY -> {
                if (session.resends() >= MAX_RESENDS) {
                    throw new RequestRefusedException("901 after " + MAX_RESENDS + " resends");
                }
                session.countResend();
                session.endUpload(UploadOutcome.RESEND);
                answerWaitingClient(session, id);
            }
            case ABORT -> {
                session.endUpload(UploadOutcome.ABANDONED);
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
        java.util.Optional<java.time.Duration> wait = session.resendAnswerWait();
        if (wait.isPresent() && !session.peerSendsWithin(wait.get())) {
            session.reply(new Thanks(id));
        }
    }

    /**
     * Moves the file into place, records it verified, and only then answers. A file the name had
     * before stays until the record of the new one is durable: when the store fails, it is put back.
     */
    private static void store(Session session, ClientId id, PendingUpload upload) throws Exception {
        FileArea files = session.files();
        String fileName = upload.fileName().text();
        Path target = target(session, id, upload, fileName);
        Path previous = keepPrevious(upload.file(), target);
        files.moveIntoPlace(upload.file(), target);
        try {
            session.store().putFile(new FileRecord(id, fileName, files.relativePath(target), true));
        } catch (Exception e) {
            undo(files, upload.file(), target, previous, e);
            throw e;
        }
        if (previous != null) {
            Files.deleteIfExists(previous);
        }
        session.endUpload(UploadOutcome.STORED);
        session.reply(new Thanks(id));
    }

    /**
     * A second name for the file at {@code target}, beside the temporary file and named like it, so
     * that a restart after a crash removes it with the other leftovers; null when there is none.
     */
    private static Path keepPrevious(Path temporary, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path previous = temporary.resolveSibling(temporary.getFileName() + ".previous");
        try {
            Files.createLink(previous, target);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(target, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return previous;
    }

    /** Puts back what was at {@code target} before; the new file goes (the session discards its temporary). */
    private static void undo(FileArea files, Path temporary, Path target, Path previous, Exception cause) {
        try {
            if (previous != null) {
                files.moveIntoPlace(previous, target);
            } else {
                Files.move(target, temporary, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Where the file goes: its safe name in the client's folder, or the first variant of it that no
     * file of another name takes ({@code a/x.txt} and {@code b/x.txt} both reduce to {@code x.txt}).
     */
    private static Path target(Session session, ClientId id, PendingUpload upload, String fileName) throws Exception {
        FileArea files = session.files();
        Set<String> takenByOthers = session.store().files(id).stream()
                .filter(f -> !f.fileName().equals(fileName))
                .map(FileRecord::pathName)
                .collect(Collectors.toSet());
        Path target = files.target(id, upload.fileName());
        Path candidate = target;
        for (int n = 2; takenByOthers.contains(files.relativePath(candidate)); n++) {
            candidate = files.variant(target, n);
        }
        return candidate;
    }
}
