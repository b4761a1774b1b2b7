package dropvault.storage.mapdb.internal;

/**
 * Sorts puts of the mapped journal by their keys in MapDB's order. The first 16 bytes of each key are
 * copied into the heap first: most comparisons end there, without a look at the keys scattered over
 * the journal (a random read of the mapping each, which made the sort 3 to 5 times slower).
 */
final class KeyOrder {
    private static final int INSERTION_SORT_BELOW = 24;

    private final JournalChanges changes;
    private final boolean asStrings;
    private final long[] offsets;
    private final long[] high;
    private final long[] low;

    private KeyOrder(JournalChanges changes, boolean asStrings, long[] offsets) {
        this.changes = changes;
        this.asStrings = asStrings;
        this.offsets = offsets;
        this.high = new long[offsets.length];
        this.low = new long[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            high[i] = changes.keyWord(offsets[i], 0);
            low[i] = changes.keyWord(offsets[i], 1);
        }
    }

    /** {@code offsets} of puts in the order of their keys: as bytes, or {@code asStrings} (names). */
    static long[] sorted(JournalChanges changes, boolean asStrings, long[] offsets) {
        KeyOrder order = new KeyOrder(changes, asStrings, offsets);
        int[] positions = new int[offsets.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        order.sort(positions.clone(), positions, 0, positions.length);
        long[] sorted = new long[offsets.length];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = offsets[positions[i]];
        }
        return sorted;
    }

    private int compare(int a, int b) {
        long x = high[a];
        long y = high[b];
        if (x == y) {
            x = low[a];
            y = low[b];
        }
        if (x == y) {
            return changes.compareKeys(offsets[a], offsets[b], asStrings);
        }
        if (asStrings) {
            int shift = 56 - (Long.numberOfLeadingZeros(x ^ y) & ~7);
            if (!JournalChanges.sameInUtf16Order((int) (x >>> shift) & 0xff, (int) (y >>> shift) & 0xff)) {
                return changes.compareKeys(offsets[a], offsets[b], true);
            }
        }
        return Long.compareUnsigned(x, y);
    }

    /** A merge sort of {@code to[from, until)}, with {@code source[from, until)} holding the same values to merge from. */
    private void sort(int[] source, int[] to, int from, int until) {
        if (until - from < INSERTION_SORT_BELOW) {
            for (int i = from + 1; i < until; i++) {
                int v = to[i];
                int j = i - 1;
                for (; j >= from && compare(to[j], v) > 0; j--) {
                    to[j + 1] = to[j];
                }
                to[j + 1] = v;
            }
            return;
        }
        int middle = (from + until) >>> 1;
        // each half is sorted into source, then merged from there into to
        sort(to, source, from, middle);
        sort(to, source, middle, until);
        for (int i = from, a = from, b = middle; i < until; i++) {
            to[i] = b >= until || a < middle && compare(source[a], source[b]) <= 0 ? source[a++] : source[b++];
        }
    }
}
