package dropvault.admin.internal;

import static dropvault.admin.internal.Records.printable;
import static dropvault.admin.internal.Records.relative;
import static dropvault.admin.internal.Records.resolve;

import dropvault.crypto.Cksum;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.OwnerOnly;
import dropvault.storage.Replacement;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code restore}: a version becomes the client's current file; what it replaces becomes a new version. */
final class RestoreCommand {
    /** The temporary copy a restore makes: the server removes one a crash left (no writer named in it). */
    private static final String RESTORE_PREFIX = ".upload-restore-";
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String VERSIONS = ".versions";

    private final PrintStream out;

    RestoreCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * The version's bytes become the current file: copied to a temporary file beside it and made
     * durable, the current content given a second name in {@code .versions} (as the server keeps a
     * version), the copy renamed over the current file, then one store change records the file with
     * the version's size and cksum and the replaced content as its newest version. When the store
     * fails, the replaced content is put back.
     */
    int run(Store store, DataFolder folder, ClientRecord client, String fileName, String number)
            throws StoreException, AdminException, IOException {
        long wanted;
        try {
            wanted = Long.parseLong(number);
        } catch (NumberFormatException e) {
            wanted = 0;
        }
        if (wanted < 1) {
            throw new AdminException(ExitStatus.USAGE, "VERSION is a version's number (1, 2, ...; see files), not '"
                    + printable(number) + "'");
        }
        String what = printable(fileName) + " of client " + printable(client.name());
        FileRecord current = store.file(client.id(), fileName).orElseThrow(() -> new AdminException(
                ExitStatus.NO_SUCH_FILE, "no file " + what));
        long n = wanted;
        FileVersion version = store.versions(client.id(), fileName).stream().filter(v -> v.number() == n).findFirst()
                .orElseThrow(() -> new AdminException(ExitStatus.NO_SUCH_FILE, "no version " + n + " of " + what
                        + " (see files)"));
        Path own = folder.dir().toAbsolutePath().normalize().resolve("files").resolve(client.id().hex());
        Path source = resolve(folder, version.pathName()).filter(p -> p.startsWith(own)).orElseThrow(
                () -> new AdminException(ExitStatus.DAMAGED, "version " + n + " of " + what
                        + " is recorded outside the client's folder: " + printable(version.pathName())));
        Path target = resolve(folder, current.pathName()).filter(p -> p.startsWith(own)).orElseThrow(
                () -> new AdminException(ExitStatus.DAMAGED, what + " is recorded outside the client's folder: "
                        + printable(current.pathName())));
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new AdminException(ExitStatus.DAMAGED, "the current " + what + " is missing ("
                    + printable(current.pathName()) + "): nothing changed; copy the version by hand (docs/SERVER.md)");
        }
        Path temporary = Files.createTempFile(target.getParent(), RESTORE_PREFIX, ".part");
        Path kept = null;
        boolean replaced = false;
        boolean recorded = false;
        try {
            Cksum cksum = copyDurably(source, temporary, what, n);
            if ((version.size() != FileRecord.UNKNOWN && version.size() != cksum.length())
                    || (version.cksum() != FileRecord.UNKNOWN && version.cksum() != cksum.value())) {
                throw new AdminException(ExitStatus.DAMAGED, "version " + n + " of " + what + " is not as recorded ("
                        + cksum.length() + " bytes, cksum " + cksum.value() + "; recorded " + version.size()
                        + " bytes, cksum " + version.cksum() + "): nothing changed");
            }
            kept = newVersionPath(target, Instant.now());
            secondName(target, kept);
            forceDirectory(kept.getParent());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            replaced = true;
            forceDirectory(target.getParent());
            Replacement replacement = store.putFile(new FileRecord(client.id(), fileName, current.pathName(), true,
                    cksum.length(), cksum.value()), relative(folder, kept), Instant.now(), folder.policy());
            recorded = true;
            removeDropped(store, folder, client, kept, replacement);
            out.println("restored " + what + " to version " + n + " (" + cksum.length() + " bytes, cksum "
                    + cksum.value() + ")" + replacement.kept().map(v -> "; what it replaced is version " + v.number())
                    .orElse("; what it replaced is not kept (versions.keep is 0)")
                    + (replacement.pruned().isEmpty() ? "" : "; versions dropped under the settings: "
                    + replacement.pruned().stream().map(v -> Long.toString(v.number())).toList()));
            out.flush();
            return ExitStatus.OK.code();
        } catch (StoreException | IOException | RuntimeException | AdminException e) {
            if (!recorded) {
                undoRestore(temporary, target, kept, replaced, e);
            }
            throw e;
        }
    }

    /** Copies {@code from} to {@code to} and forces it to disk; returns the cksum of what was copied. */
    private static Cksum copyDurably(Path from, Path to, String what, long n) throws AdminException, IOException {
        Cksum cksum = new Cksum();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS);
             FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            int r;
            while ((r = in.read(buffer)) > 0) {
                cksum.update(buffer, 0, r);
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, r);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.force(true);
        } catch (NoSuchFileException e) {
            throw new AdminException(ExitStatus.DAMAGED, "the file of version " + n + " of " + what + " is missing: "
                    + e.getFile() + ": nothing changed");
        }
        return cksum;
    }

    /** Where the server would keep a version of {@code target} made {@code now}: its safe name and the UTC time. */
    private static Path newVersionPath(Path target, Instant now) throws IOException {
        Path folder = target.getParent().resolve(VERSIONS);
        OwnerOnly.createFolders(folder);
        String stem = target.getFileName() + "@" + VERSION_TIME.format(now);
        Path candidate = folder.resolve(stem);
        for (int i = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); i++) {
            candidate = folder.resolve(stem + "-" + i);
        }
        return candidate;
    }

    /** A hard link to {@code existing} at {@code name}; a copy where links are not supported. */
    private static void secondName(Path existing, Path name) throws IOException {
        try {
            Files.createLink(name, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, name, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Puts back what the restore replaced, and removes what it made. */
    private static void undoRestore(Path temporary, Path target, Path kept, boolean replaced, Exception cause) {
        try {
            if (replaced) {
                Files.move(kept, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                forceDirectory(target.getParent());
            } else if (kept != null) {
                Files.deleteIfExists(kept);
            }
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Deletes the files of the versions the store dropped (and of one it did not keep) that no record uses. */
    private static void removeDropped(Store store, DataFolder folder, ClientRecord client, Path kept,
                                      Replacement replacement) {
        List<String> dropped = new ArrayList<>(replacement.pruned().stream().map(FileVersion::pathName).toList());
        if (replacement.kept().isEmpty()) {
            dropped.add(relative(folder, kept));
        }
        Set<String> inUse = new HashSet<>();
        try {
            store.files(client.id()).forEach(f -> inUse.add(f.pathName()));
        } catch (StoreException e) {
            return; // the files of dropped versions stay: old content, safe to delete
        }
        for (String pathName : dropped) {
            Optional<Path> p = resolve(folder, pathName);
            if (p.isPresent() && !inUse.contains(pathName)) {
                try {
                    Files.deleteIfExists(p.get());
                } catch (IOException e) {
                    // the record is gone; a file left over holds old content and is safe to delete
                }
            }
        }
    }

    private static String relative(DataFolder folder, Path path) {
        Path base = folder.dir().toAbsolutePath().normalize();
        return base.relativize(path.toAbsolutePath().normalize()).toString().replace(path.getFileSystem()
                .getSeparator(), "/");
    }

    /** Makes a rename durable: fsync of the folder that holds it (a no-op where folders cannot be opened). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be opened
        }
    }
}
