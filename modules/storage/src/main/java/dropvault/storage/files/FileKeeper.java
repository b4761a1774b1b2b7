package dropvault.storage.files;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Replacement;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.VersionPolicy;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps a complete upload under its name: puts its content in place in the {@link FileArea} and records it,
 * confirmed (900) or not (the connection ended after 1603), in one store change. What the name held before
 * stays as a version: a second path name for its content. An unconfirmed upload never displaces a confirmed
 * file: where the name holds one, it is not kept. When the store fails, the previous content is put back.
 * It speaks of path names only, so any file area serves; the server keeps uploads and restores versions with it,
 * and {@code dropvault-admin} restores versions with it.
 */
public final class FileKeeper {
    private final Store store;
    private final FileArea files;
    private final System.Logger logger;

    public FileKeeper(Store store, FileArea files, System.Logger logger) {
        this.store = store;
        this.files = files;
        this.logger = logger;
    }

    /** What keeping made: the store's replacement, and the version path name made for it (null when none). */
    public record Kept(Replacement replacement, String version) {
    }

    /** Content to keep under a name: where it is (which keeping consumes), its plaintext size and cksum. */
    public record Content(NameField name, UploadTarget upload, long size, long cksum) {
    }

    /**
     * Makes version {@code number} of {@code fileName} its content again, confirmed (the client chose it), what
     * it held kept as a version like an upload's; version {@code number} stays. Empty when there is no such file
     * or version.
     */
    public Optional<Kept> restore(ClientId id, String fileName, long number, Instant now, VersionPolicy policy)
            throws StoreException, IOException {
        Optional<FileRecord> current = store.file(id, fileName);
        Optional<FileVersion> version = store.versions(id, fileName).stream().filter(v -> v.number() == number)
                .findFirst();
        if (current.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(restore(id, version.get(), version.get().size(), version.get().cksum(), now, policy));
    }

    /** Makes version {@code v} the file's content again, recorded with {@code size} and {@code cksum}. */
    public Kept restore(ClientId id, FileVersion v, long size, long cksum, Instant now, VersionPolicy policy)
            throws StoreException, IOException {
        UploadTarget copy = files.copyOf(id, v.pathName());
        try {
            return keep(id, new Content(wireName(v.fileName()), copy, size, cksum), true, now, policy).orElseThrow();
        } finally {
            copy.discard();
        }
    }

    /** The name field a stored name came from (its text, NUL-padded). */
    private static NameField wireName(String fileName) {
        byte[] text = fileName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return NameField.padded(text, Math.min(text.length, NameField.MAX_LENGTH));
    }

    /**
     * Keeps {@code content} of client {@code id} under its name; empty when it is unconfirmed and the
     * name holds a confirmed file (the caller discards it then).
     */
    public Optional<Kept> keep(ClientId id, Content content, boolean confirmed, Instant now, VersionPolicy policy)
            throws StoreException, IOException {
        String fileName = content.name().text();
        Optional<FileRecord> before = store.file(id, fileName);
        if (!confirmed && before.filter(FileRecord::verified).isPresent()) {
            return Optional.empty();
        }
        String target = target(id, content.name(), fileName);
        String version = null;
        String previousPathName = null;
        if (before.isPresent()) {
            previousPathName = before.get().pathName();
            if (previousPathName.equals(target) && files.exists(target)) {
                version = files.keepAsVersion(target, now);
                previousPathName = version;
            }
        }
        files.putInPlace(content.upload(), target);
        FileRecord record = new FileRecord(id, fileName, target, confirmed, content.size(), content.cksum());
        try {
            Replacement r = store.putFile(record, previousPathName == null ? record.pathName() : previousPathName, now,
                    policy);
            return Optional.of(new Kept(r, version));
        } catch (StoreException | RuntimeException e) {
            undo(content.upload(), target, version, e);
            throw e;
        }
    }

    /** Deletes the content of dropped versions (and of a version the store did not keep), unless a file record uses it. */
    public void removeDropped(ClientId id, Kept kept) {
        Set<String> dropped = new HashSet<>();
        if (kept.version() != null && kept.replacement().kept().isEmpty()) {
            dropped.add(kept.version());
        }
        try {
            for (FileVersion v : kept.replacement().pruned()) {
                dropped.add(v.pathName());
            }
            Set<String> inUse = store.files(id).stream().map(FileRecord::pathName).collect(Collectors.toSet());
            for (String p : dropped) {
                if (!inUse.contains(p)) {
                    files.delete(p);
                }
            }
        } catch (StoreException | IOException | RuntimeException e) {
            logger.log(System.Logger.Level.WARNING, "could not delete a dropped version of client " + id + ": " + e);
        }
    }

    /** Puts back what was at {@code target} before; the new content goes back to its upload, which the session discards. */
    private void undo(UploadTarget upload, String target, String previous, Exception cause) {
        try {
            if (previous != null) {
                files.putBack(previous, target);
            } else {
                files.takeBack(target, upload);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Where the file goes: its safe name in the client's part, or the first variant of it that no
     * file of another name takes ({@code a/x.txt} and {@code b/x.txt} both reduce to {@code x.txt}).
     */
    private String target(ClientId id, NameField wireName, String fileName) throws StoreException, IOException {
        Set<String> takenByOthers = store.files(id).stream()
                .filter(f -> !f.fileName().equals(fileName))
                .map(FileRecord::pathName)
                .collect(Collectors.toSet());
        String target = files.target(id, wireName);
        String candidate = target;
        for (int n = 2; takenByOthers.contains(candidate); n++) {
            candidate = files.variant(target, n);
        }
        return candidate;
    }
}
