package dropvault.server.internal;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.server.spi.FileArea;
import dropvault.server.spi.PendingUpload;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Replacement;
import dropvault.storage.Store;
import dropvault.storage.VersionPolicy;
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
 * Keeps a complete upload under its name: moves its temporary file into place and records it, confirmed
 * (900) or not (the connection ended after 1603), in one store change. What the name held before stays as
 * a version: a second name for its bytes in the client's {@code .versions} folder. An unconfirmed upload
 * never displaces a confirmed file: where the name holds one, it is not kept. When the store fails, the
 * previous file is put back.
 */
final class FileKeeper {
    private final Store store;
    private final FileArea files;
    private final System.Logger logger;

    FileKeeper(Store store, FileArea files, System.Logger logger) {
        this.store = store;
        this.files = files;
        this.logger = logger;
    }

    /** What keeping made: the store's replacement, and the version file made for it (null when none). */
    record Kept(Replacement replacement, Path version) {
    }

    /** Content to keep under a name: its file (which keeping moves into place), plaintext size and cksum. */
    record Content(NameField name, Path file, long size, long cksum) {
        static Content of(PendingUpload upload) {
            return new Content(upload.fileName(), upload.file(), upload.plaintextSize(), upload.cksum());
        }
    }

    /**
     * Keeps {@code upload} of client {@code id} under its name; empty when it is unconfirmed and the
     * name holds a confirmed file (the caller discards it then).
     */
    Optional<Kept> keep(ClientId id, PendingUpload upload, boolean confirmed, Instant now, VersionPolicy policy)
            throws Exception {
        return keep(id, Content.of(upload), confirmed, now, policy);
    }

    /**
     * Makes version {@code number} of {@code fileName} its content again, confirmed (the client chose it), what
     * it held kept as a version like an upload's; version {@code number} stays. Empty when there is no such file
     * or version.
     */
    Optional<Kept> restore(ClientId id, String fileName, long number, Instant now, VersionPolicy policy)
            throws Exception {
        Optional<FileRecord> current = store.file(id, fileName);
        Optional<FileVersion> version = store.versions(id, fileName).stream().filter(v -> v.number() == number)
                .findFirst();
        if (current.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        Path copy = files.newTemporaryFile(id);
        try {
            Files.delete(copy);
            secondName(files.resolve(version.get().pathName()), copy);
            FileVersion v = version.get();
            return keep(id, new Content(wireName(fileName), copy, v.size(), v.cksum()), true, now, policy);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** The name field a stored name came from (its text, NUL-padded). */
    private static NameField wireName(String fileName) {
        byte[] text = fileName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return NameField.padded(text, Math.min(text.length, NameField.MAX_LENGTH));
    }

    private Optional<Kept> keep(ClientId id, Content content, boolean confirmed, Instant now, VersionPolicy policy)
            throws Exception {
        String fileName = content.name().text();
        Optional<FileRecord> before = store.file(id, fileName);
        if (!confirmed && before.filter(FileRecord::verified).isPresent()) {
            return Optional.empty();
        }
        Path target = target(id, content.name(), fileName);
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
        files.moveIntoPlace(content.file(), target);
        FileRecord record = new FileRecord(id, fileName, files.relativePath(target), confirmed, content.size(),
                content.cksum());
        try {
            Replacement r = store.putFile(record, previousPathName == null ? record.pathName() : previousPathName, now,
                    policy);
            return Optional.of(new Kept(r, version));
        } catch (Exception e) {
            undo(content.file(), target, version, e);
            throw e;
        }
    }

    /** Deletes the files of dropped versions (and of a version the store did not keep), unless a file record uses them. */
    void removeDropped(ClientId id, Kept kept) {
        Set<Path> dropped = new HashSet<>();
        if (kept.version() != null && kept.replacement().kept().isEmpty()) {
            dropped.add(kept.version());
        }
        try {
            for (FileVersion v : kept.replacement().pruned()) {
                dropped.add(files.resolve(v.pathName()));
            }
            Set<String> inUse = store.files(id).stream().map(FileRecord::pathName).collect(Collectors.toSet());
            for (Path p : dropped) {
                if (!inUse.contains(files.relativePath(p))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (Exception e) {
            logger.log(System.Logger.Level.WARNING, "could not delete a dropped version of client " + id + ": " + e);
        }
    }

    /** A hard link to {@code existing} at {@code name}; a copy where links are not supported. */
    private static void secondName(Path existing, Path name) throws IOException {
        try {
            Files.createLink(name, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, name, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Puts back what was at {@code target} before; the new file goes back to its temporary name, which the session discards. */
    private void undo(Path temporary, Path target, Path previous, Exception cause) {
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

    /** Removes a {@code .versions} folder that this upload made and left empty. */
    private static void removeIfEmpty(Path folder) {
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // not empty (earlier versions live there), or not removable: it stays
        }
    }

    /**
     * Where the file goes: its safe name in the client's folder, or the first variant of it that no
     * file of another name takes ({@code a/x.txt} and {@code b/x.txt} both reduce to {@code x.txt}).
     */
    private Path target(ClientId id, NameField wireName, String fileName) throws Exception {
        Set<String> takenByOthers = store.files(id).stream()
                .filter(f -> !f.fileName().equals(fileName))
                .map(FileRecord::pathName)
                .collect(Collectors.toSet());
        Path target = files.target(id, wireName);
        Path candidate = target;
        for (int n = 2; takenByOthers.contains(files.relativePath(candidate)); n++) {
            candidate = files.variant(target, n);
        }
        return candidate;
    }
}
