package dropvault.storage.mapdb.internal;

/** Sorts offsets (longs) by what they point at: a merge sort, as the JDK has none for primitives with a comparator. */
final class OffsetSort {
    private static final int INSERTION_SORT_BELOW = 24;

    /** Compares what two offsets point at. */
    @FunctionalInterface
    interface Order {
        int compare(long a, long b);
    }

    private OffsetSort() {
    }

    static void sort(long[] offsets, Order order) {
        long[] scratch = offsets.clone();
        sort(scratch, offsets, 0, offsets.length, order);
    }

    /** Sorts {@code to[from, until)}, with {@code source[from, until)} holding the same values to merge from. */
    private static void sort(long[] source, long[] to, int from, int until, Order order) {
        if (until - from < INSERTION_SORT_BELOW) {
            for (int i = from + 1; i < until; i++) {
                long v = to[i];
                int j = i - 1;
                for (; j >= from && order.compare(to[j], v) > 0; j--) {
                    to[j + 1] = to[j];
                }
                to[j + 1] = v;
            }
            return;
        }
        int middle = (from + until) >>> 1;
        // each half is sorted into source, then merged from there into to
        sort(to, source, from, middle, order);
        sort(to, source, middle, until, order);
        for (int i = from, a = from, b = middle; i < until; i++) {
            to[i] = b >= until || a < middle && order.compare(source[a], source[b]) <= 0 ? source[a++] : source[b++];
        }
    }
}
