package dropvault.admin.internal;

import static dropvault.admin.internal.Records.printable;

import dropvault.crypto.Cksum;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Replacement;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.files.FileArea;
import dropvault.storage.files.FileKeeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;

/** {@code restore}: a version becomes the client's current file; what it replaces becomes a new version. */
final class RestoreCommand {
    private final PrintStream out;

    RestoreCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * The version's bytes become the current file, as the server restores one ({@link FileKeeper}): they are
     * read and checked against the version's record, copied (a second name in the data folder, a server-side
     * copy in a bucket), the current content kept as a new version, the copy put in place, then one store
     * change records the file with the size and cksum read and the replaced content as its newest version.
     * When the store fails, the replaced content is put back.
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
        // every file area keeps a client's files under files/<client id hex>/ (FileArea)
        String own = "files/" + client.id().hex() + "/";
        if (!version.pathName().startsWith(own)) {
            throw new AdminException(ExitStatus.DAMAGED, "version " + n + " of " + what
                    + " is recorded outside the client's folder: " + printable(version.pathName()));
        }
        if (!current.pathName().startsWith(own)) {
            throw new AdminException(ExitStatus.DAMAGED, what + " is recorded outside the client's folder: "
                    + printable(current.pathName()));
        }
        FileArea files = folder.files();
        if (!files.exists(current.pathName())) {
            throw new AdminException(ExitStatus.DAMAGED, "the current " + what + " is missing ("
                    + printable(current.pathName()) + "): nothing changed; copy the version by hand (docs/SERVER.md)");
        }
        Cksum cksum = cksumOf(files, version.pathName(), what, n);
        if ((version.size() != FileRecord.UNKNOWN && version.size() != cksum.length())
                || (version.cksum() != FileRecord.UNKNOWN && version.cksum() != cksum.value())) {
            throw new AdminException(ExitStatus.DAMAGED, "version " + n + " of " + what + " is not as recorded ("
                    + cksum.length() + " bytes, cksum " + cksum.value() + "; recorded " + version.size()
                    + " bytes, cksum " + version.cksum() + "): nothing changed");
        }
        FileKeeper keeper = new FileKeeper(store, files, System.getLogger(RestoreCommand.class.getName()));
        FileKeeper.Kept kept = keeper.restore(client.id(), version, cksum.length(), cksum.value(), Instant.now(),
                folder.policy());
        keeper.removeDropped(client.id(), kept);
        Replacement replacement = kept.replacement();
        out.println("restored " + what + " to version " + n + " (" + cksum.length() + " bytes, cksum "
                + cksum.value() + ")" + replacement.kept().map(v -> "; what it replaced is version " + v.number())
                .orElse("; what it replaced is not kept (versions.keep is 0)")
                + (replacement.pruned().isEmpty() ? "" : "; versions dropped under the settings: "
                + replacement.pruned().stream().map(v -> Long.toString(v.number())).toList()));
        out.flush();
        return ExitStatus.OK.code();
    }

    /** The cksum of the bytes at {@code pathName}, read through the file area. */
    private static Cksum cksumOf(FileArea files, String pathName, String what, long n)
            throws AdminException, IOException {
        Cksum cksum = new Cksum();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = files.read(pathName)) {
            for (int r; (r = in.read(buffer)) > 0; ) {
                cksum.update(buffer, 0, r);
            }
        } catch (NoSuchFileException e) {
            throw new AdminException(ExitStatus.DAMAGED, "the file of version " + n + " of " + what + " is missing: "
                    + printable(pathName) + ": nothing changed");
        }
        return cksum;
    }
}
