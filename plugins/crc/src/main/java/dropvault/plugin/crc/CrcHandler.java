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
import dropvault.storage.FileVersion;
import dropvault.storage.Replacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 900, 901, 902: the client's verdict on the cksum of the upload that 1603 answered. 900 moves the
 * file into place, keeping what the name held before as a version, and records it verified, then 1604; 901 drops it and waits for the packets again
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
            case MATCHED -> store(session, id, upload);
            case RETRY -> {
                if (session.uploads().resends() >= MAX_RESENDS) {
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

    /**
     * Moves the file into place and records it verified with its size and cksum, and only then
     * answers. What the name held before stays as a version: a second name for its bytes in the
     * client's {@code .versions} folder, recorded in the same store change. When the store fails,
     * the previous file is put back.
     */
    private static void store(Session session, ClientId id, PendingUpload upload) throws Exception {
        FileArea files = session.files();
        String fileName = upload.fileName().text();
        Instant now = session.clock().instant();
        Path target = target(session, id, upload, fileName);
        Optional<FileRecord> before = session.store().file(id, fileName);
        Path version = null;
        String previousPathName = null;
        if (before.isPresent()) {
            previousPathName = before.get().pathName();
            if (files.resolve(previousPathName).equals(target) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                version = files.newVersionPath(target, now);
                secondName(target, version);
                previousPathName = files.relativePath(version);
            }
        }
        files.moveIntoPlace(upload.file(), target);
        FileRecord record = new FileRecord(id, fileName, files.relativePath(target), true, upload.plaintextSize(),
                upload.cksum());
        Replacement replacement;
        try {
            replacement = session.store().putFile(record, previousPathName == null ? record.pathName()
                    : previousPathName, now, session.uploads().versionPolicy());
        } catch (Exception e) {
            undo(files, upload.file(), target, version, e);
            throw e;
        }
        session.uploads().end(UploadOutcome.STORED);
        removeDropped(session, id, version, replacement);
        session.reply(new Thanks(id));
    }

    /** Deletes the files of dropped versions (and of a version the store did not keep), unless a file record uses them. */
    private static void removeDropped(Session session, ClientId id, Path version, Replacement replacement) {
        FileArea files = session.files();
        Set<Path> dropped = new HashSet<>();
        if (version != null && replacement.kept().isEmpty()) {
            dropped.add(version);
        }
        try {
            for (FileVersion v : replacement.pruned()) {
                dropped.add(files.resolve(v.pathName()));
            }
            Set<String> inUse = session.store().files(id).stream().map(FileRecord::pathName)
                    .collect(Collectors.toSet());
            for (Path p : dropped) {
                if (!inUse.contains(files.relativePath(p))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (Exception e) {
            session.logger().log(System.Logger.Level.WARNING, "could not delete a dropped version of client " + id
                    + ": " + e);
        }
        session.uploads().countVersions(replacement.kept().isPresent() ? 1 : 0, replacement.pruned().size());
    }

    /** A hard link to {@code existing} at {@code name}; a copy where links are not supported. */
    private static void secondName(Path existing, Path name) throws IOException {
        try {
            Files.createLink(name, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, name, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Removes a {@code .versions} folder that this upload made and left empty. */
    private static void removeIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // not empty (earlier versions live there), or not removable: it stays
        }
    }

    /** Puts back what was at {@code target} before; the new file goes (the session discards its temporary). */
    private static void undo(FileArea files, Path temporary, Path target, Path previous, Exception cause) {
        try {
            if (previous != null) {
                files.moveIntoPlace(previous, target);
                removeIfEmpty(previous.getParent());
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
