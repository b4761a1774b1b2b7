package dropvault.admin.internal;

import static dropvault.admin.internal.Records.printable;
import static dropvault.admin.internal.Records.size;

import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** {@code clients} and {@code files}: what the store holds, as tables. */
final class ListCommands {
    private final PrintStream out;

    ListCommands(PrintStream out) {
        this.out = out;
    }

    int clients(Store store, DataFolder folder) throws StoreException, AdminException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "ID", "LAST SEEN", "FILES", "BYTES", "KEY BOUND"});
        for (ClientRecord c : store.clients()) {
            List<FileRecord> files = store.files(c.id());
            long bytes = 0;
            for (FileRecord f : files) {
                bytes += f.size() != FileRecord.UNKNOWN ? f.size() : size(folder, f.pathName()).orElse(0);
            }
            rows.add(new String[] {printable(c.name()), c.id().hex(), c.lastSeen().truncatedTo(ChronoUnit.SECONDS)
                    .toString(), Integer.toString(files.size()), Long.toString(bytes), c.keyBound() ? "yes" : "no"});
        }
        table(rows);
        return ExitStatus.OK.code();
    }

    int files(Store store, DataFolder folder, ClientRecord client) throws StoreException, AdminException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FILE", "VERSION", "BYTES", "CKSUM", "CONFIRMED", "KEPT AT", "STORED AS"});
        for (FileRecord f : store.files(client.id())) {
            rows.add(new String[] {printable(f.fileName()), "current", bytes(folder, f.size(), f.pathName()),
                    cksum(f.cksum()), f.verified() ? "yes" : "no", "-", printable(f.pathName())});
            for (FileVersion v : store.versions(client.id(), f.fileName())) {
                rows.add(new String[] {printable(f.fileName()), Long.toString(v.number()),
                        bytes(folder, v.size(), v.pathName()), cksum(v.cksum()), "-",
                        v.keptAt().truncatedTo(ChronoUnit.MILLIS).toString(), printable(v.pathName())});
            }
        }
        table(rows);
        return ExitStatus.OK.code();
    }

    /** The recorded size; for a record without one, the size of its bytes; "missing" when neither. */
    private static String bytes(DataFolder folder, long recorded, String pathName) throws AdminException {
        if (recorded != FileRecord.UNKNOWN) {
            return Long.toString(recorded);
        }
        return size(folder, pathName).stream().mapToObj(Long::toString).findFirst().orElse("missing");
    }

    private static String cksum(long recorded) {
        return recorded == FileRecord.UNKNOWN ? "not recorded" : Long.toString(recorded);
    }

    /** Columns padded to their widest cell, two spaces apart. */
    private void table(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                b.append(i == r.length - 1 ? r[i] : String.format("%-" + widths[i] + "s  ", r[i]));
            }
            out.println(b.toString().stripTrailing());
        }
        out.flush();
    }
}
