package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;

/**
 * What a journal leaves in each table once every change is applied in order: the last put of each key
 * that no later remove took out, as offsets into the mapped journal. Only offsets are held (8 bytes a
 * key, in a hash table at most 60% full), never the keys and values themselves.
 */
final class JournalFinalState {
    private final JournalChanges changes;
    private final LatestChanges[] tables = new LatestChanges[Tables.AWAITING_KEY + 1];

    private JournalFinalState(JournalChanges changes) {
        this.changes = changes;
        for (byte table : Tables.TABLES) {
            tables[table] = new LatestChanges(changes);
        }
    }

    /** Reads every record of {@code journal}, mapped as {@code changes}. */
    static JournalFinalState read(Journal journal, JournalChanges changes) throws StoreException {
        JournalFinalState state = new JournalFinalState(changes);
        journal.read((offset, length) -> changes.forEach(offset, length, state::apply));
        return state;
    }

    private void apply(long at) {
        LatestChanges table = tables[changes.table(at)];
        if (changes.kind(at) == Tables.PUT) {
            table.put(at);
        } else {
            table.remove(at);
        }
    }

    /** The puts left in {@code table}, in the order of their keys in MapDB; the table's index is dropped. */
    long[] takeSorted(byte table) {
        long[] offsets = tables[table].offsets();
        tables[table] = null;
        return KeyOrder.sorted(changes, table == Tables.IDS_BY_NAME, offsets);
    }
}
