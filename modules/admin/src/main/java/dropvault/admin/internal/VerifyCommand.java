package dropvault.admin.internal;

import static dropvault.admin.internal.Records.client;
import static dropvault.admin.internal.Records.printable;
import static dropvault.admin.internal.Records.size;

import dropvault.cli.TerminalWidth;
import dropvault.crypto.Cksum;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify}: reads every stored file and version (of one client, or all) and names each one
 * whose size or cksum differs from its record, that is missing or unreadable.
 */
final class VerifyCommand {
    private final PrintStream out;
    private final PrintStream err;

    /** @param err where the progress bar is drawn */
    VerifyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** One stored file to check: a file record or a version, with what its record says. */
    private record Check(String what, String pathName, long size, long cksum, boolean verified) {
    }

    int run(Store store, DataFolder folder, String only, boolean progress)
            throws StoreException, AdminException {
        List<ClientRecord> clients = only == null ? store.clients() : List.of(client(store, only));
        List<Check> all = new ArrayList<>();
        List<String> bursts = new ArrayList<>();
        int fileCount = 0;
        long totalBytes = 0;
        for (ClientRecord c : clients) {
            for (FileRecord f : store.files(c.id())) {
                String what = c.id().hex() + " " + printable(f.fileName());
                all.add(new Check(what, f.pathName(), f.size(), f.cksum(), f.verified()));
                fileCount++;
                totalBytes += f.size() != FileRecord.UNKNOWN ? f.size() : size(folder, f.pathName()).orElse(0);
                List<FileVersion> versions = store.versions(c.id(), f.fileName());
                for (FileVersion v : versions) {
                    all.add(new Check(what + " version " + v.number(), v.pathName(), v.size(), v.cksum(), true));
                    totalBytes += v.size() != FileRecord.UNKNOWN ? v.size() : size(folder, v.pathName()).orElse(0);
                }
                ReplacementBursts.in(versions).ifPresent(b -> bursts.add("burst of replacements: " + what + " ("
                        + printable(c.name()) + ") replaced " + b.replacements() + " times from " + b.from() + " to "
                        + b.to() + ": someone may be uploading in its name; its versions keep what it held"));
            }
        }
        ProgressBar bar = progress
                ? new ProgressBar(err, System::nanoTime, TerminalWidth.ofEnvironment(), all.size(), totalBytes) : null;
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long bytes = 0;
        int done = 0;
        byte[] buffer = new byte[1 << 16];
        for (Check f : all) {
            String where = f.what() + " (" + printable(f.pathName()) + ")";
            Cksum cksum = new Cksum();
            boolean read = false;
            try (InputStream in = folder.files().read(f.pathName())) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    cksum.update(buffer, 0, n);
                    bytes += n;
                    if (bar != null) {
                        bar.update(done, bytes);
                    }
                }
                read = true;
            } catch (NoSuchFileException e) {
                problems.add("missing: " + where);
            } catch (IOException e) {
                problems.add("unreadable: " + where + ": " + e.getMessage());
            }
            if (read) {
                if (f.size() == FileRecord.UNKNOWN || f.cksum() == FileRecord.UNKNOWN) {
                    notes.add("size and cksum not recorded (an older store): " + where);
                }
                if (f.size() != FileRecord.UNKNOWN && f.size() != cksum.length()) {
                    problems.add("size differs: " + where + ": " + f.size() + " bytes recorded, "
                            + cksum.length() + " stored");
                } else if (f.cksum() != FileRecord.UNKNOWN && f.cksum() != cksum.value()) {
                    problems.add("cksum differs: " + where + ": " + f.cksum() + " recorded, " + cksum.value()
                            + " stored");
                }
            }
            if (!f.verified()) {
                notes.add("kept unconfirmed (its client sent no 900 after 1603): " + f.what());
            }
            done++;
            if (bar != null) {
                bar.update(done, bytes);
            }
        }
        if (bar != null) {
            bar.finish();
        }
        notes.forEach(out::println);
        bursts.forEach(out::println);
        problems.forEach(out::println);
        out.println("checked " + fileCount + " files and " + (all.size() - fileCount) + " versions of " + clients.size()
                + " clients, " + bytes + " bytes read: " + (problems.isEmpty() ? "no problems"
                : problems.size() + (problems.size() == 1 ? " problem" : " problems"))
                + (bursts.isEmpty() ? "" : "; " + bursts.size() + (bursts.size() == 1 ? " burst" : " bursts")
                + " of replacements"));
        out.flush();
        if (!problems.isEmpty()) {
            return ExitStatus.DAMAGED.code();
        }
        return bursts.isEmpty() ? ExitStatus.OK.code() : ExitStatus.SUSPICIOUS.code();
    }
}
