package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;

/**
 * What a journal leaves in one table once every change is applied in order: the last put of each key
 * that no later remove took out, as offsets of changes in the mapped journal. An open-addressing hash
 * table (linear probing) of offsets only (12 bytes a key, at most 60% full): the keys and values are
 * read where they lie ({@link JournalChanges}).
 */
final class LatestChanges {
    private static final int INITIAL_SLOTS = 1 << 10;

    private final JournalChanges changes;
    /** Offset + 1 of the last put of a key; 0 for an empty slot. */
    private long[] slots = new long[INITIAL_SLOTS];
    /** The hash of each slot's key: most keys that differ are told apart, and the table grown, without reading them. */
    private int[] hashes = new int[INITIAL_SLOTS];
    private int size;

    private LatestChanges(JournalChanges changes) {
        this.changes = changes;
    }

    /**
     * Reads the changes of {@code table} from every record of the journal, mapped as {@code changes};
     * null as soon as the table holds more than {@code maxKeys} keys at once.
     */
    static LatestChanges read(JournalRecords records, JournalChanges changes, byte table, int maxKeys)
            throws StoreException {
        LatestChanges latest = new LatestChanges(changes);
        try {
            records.forEachChange(changes, at -> {
                if (changes.table(at) != table) {
                    return;
                }
                if (changes.kind(at) == Tables.REMOVE) {
                    latest.remove(at);
                } else if (latest.size < maxKeys) {
                    latest.put(at);
                } else if (!latest.replace(at)) {
                    throw TOO_MANY_KEYS;
                }
            });
        } catch (TooManyKeys e) {
            return null;
        }
        return latest;
    }

    /** Ends a read early: the table has more keys than the heap has room for. */
    private static final class TooManyKeys extends RuntimeException {
        TooManyKeys() {
            super(null, null, false, false);
        }
    }

    private static final TooManyKeys TOO_MANY_KEYS = new TooManyKeys();

    /** The put at {@code at} replaces whatever came before it for its key. */
    void put(long at) {
        if (size + 1 > slots.length * 3L / 5) {
            grow();
        }
        int i = slotOf(at);
        if (slots[i] == 0) {
            size++;
        }
        slots[i] = at + 1;
    }

    /** The put at {@code at} replaces an earlier one of its key, if there is one; false otherwise. */
    private boolean replace(long at) {
        int i = slotOf(at);
        if (slots[i] == 0) {
            return false;
        }
        slots[i] = at + 1;
        return true;
    }

    /** The slot of the key of the change at {@code at}, or the empty slot where it goes (its hash already set). */
    private int slotOf(long at) {
        int hash = changes.keyHash(at);
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                hashes[i] = hash;
                return i;
            }
            if (hashes[i] == hash && changes.sameKey(slot - 1, at)) {
                return i;
            }
        }
    }

    /** The remove at {@code at} drops its key. */
    void remove(long at) {
        int i = slotOf(at);
        if (slots[i] == 0) {
            return;
        }
        int mask = slots.length - 1;
        // moves back each later entry of the run that the emptied slot would hide from its lookup
        for (int gap = i, j = (i + 1) & mask; ; j = (j + 1) & mask) {
            long slot = slots[j];
            if (slot == 0) {
                slots[gap] = 0;
                size--;
                return;
            }
            int home = hashes[j] & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                slots[gap] = slot;
                hashes[gap] = hashes[j];
                gap = j;
            }
        }
    }

    /** The offsets of the last puts, in no order. */
    long[] offsets() {
        long[] all = new long[size];
        int n = 0;
        for (long slot : slots) {
            if (slot != 0) {
                all[n++] = slot - 1;
            }
        }
        return all;
    }

    private void grow() {
        long[] oldSlots = slots;
        int[] oldHashes = hashes;
        slots = new long[oldSlots.length * 2];
        hashes = new int[slots.length];
        int mask = slots.length - 1;
        for (int k = 0; k < oldSlots.length; k++) {
            if (oldSlots[k] != 0) {
                int i = oldHashes[k] & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = oldSlots[k];
                hashes[i] = oldHashes[k];
            }
        }
    }
}
