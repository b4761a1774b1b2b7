package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;
import java.util.Arrays;

/**
 * Where each record of a journal lies, read (and checked) once: the tables of a rebuild each go over
 * the records again, in the mapped journal, without a read from the file per record.
 */
final class JournalRecords {
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    private int count;

    private JournalRecords() {
    }

    static JournalRecords of(Journal journal) throws StoreException {
        JournalRecords records = new JournalRecords();
        journal.read(records::add);
        return records;
    }

    private void add(long offset, int length) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        offsets[count] = offset;
        lengths[count++] = length;
    }

    /** Gives every change of every record, in order, to {@code consumer}. */
    void forEachChange(JournalChanges changes, JournalChanges.Consumer consumer) throws StoreException {
        for (int i = 0; i < count; i++) {
            changes.forEach(offsets[i], lengths[i], consumer);
        }
    }
}
