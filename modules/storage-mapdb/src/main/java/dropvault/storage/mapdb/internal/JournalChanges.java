package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The changes of a journal mapped into memory ({@link Journal#map}), each named by the offset of its
 * first byte in the file; their format is {@link Tables}'s. Keys and values are read where they lie,
 * so that an index of the journal holds offsets only.
 */
final class JournalChanges {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** Kind and table bytes, then the key's length. */
    private static final int KEY_LENGTH_AT = 2;
    private static final int KEY_AT = KEY_LENGTH_AT + 4;

    /** Receives each change of a record. */
    @FunctionalInterface
    interface Consumer {
        void change(long at) throws StoreException;
    }

    private final MemorySegment journal;

    JournalChanges(MemorySegment journal) {
        this.journal = journal;
    }

    /** Checks every change of the record payload at {@code offset} and gives each, in order, to {@code consumer}. */
    void forEach(long offset, int length, Consumer consumer) throws StoreException {
        long end = offset + length;
        for (long at = offset; at < end; ) {
            if (end - at < KEY_AT) {
                throw cutShort(end - at);
            }
            byte kind = kind(at);
            byte table = table(at);
            if (kind != Tables.PUT && kind != Tables.REMOVE || table < Tables.CLIENTS || table > Tables.AWAITING_KEY) {
                throw new StoreException("a store journal record holds an unknown change (kind " + kind + ", table "
                        + table + ")");
            }
            long next = checkedEnd(at + KEY_LENGTH_AT, end);
            if (kind == Tables.PUT) {
                next = checkedEnd(next, end);
            }
            consumer.change(at);
            at = next;
        }
    }

    /** Where a length-prefixed field at {@code at} ends, checked against the end of its record. */
    private long checkedEnd(long at, long end) throws StoreException {
        if (end - at < 4) {
            throw cutShort(end - at);
        }
        int n = journal.get(INT, at);
        if (n < 0 || n > end - at - 4) {
            throw new StoreException("a store journal record is cut short inside a change: a length of " + n + " with "
                    + (end - at - 4) + " bytes left");
        }
        return at + 4 + n;
    }

    private static StoreException cutShort(long left) {
        return new StoreException("a store journal record is cut short inside a change: " + left + " bytes left");
    }

    byte kind(long at) {
        return journal.get(ValueLayout.JAVA_BYTE, at);
    }

    byte table(long at) {
        return journal.get(ValueLayout.JAVA_BYTE, at + 1);
    }

    private int keyLength(long at) {
        return journal.get(INT, at + KEY_LENGTH_AT);
    }

    byte[] key(long at) {
        return journal.asSlice(at + KEY_AT, keyLength(at)).toArray(ValueLayout.JAVA_BYTE);
    }

    String keyAsString(long at) {
        return new String(key(at), StandardCharsets.UTF_8);
    }

    /** The value of a put. */
    byte[] value(long at) {
        long lengthAt = at + KEY_AT + keyLength(at);
        return journal.asSlice(lengthAt + 4, journal.get(INT, lengthAt)).toArray(ValueLayout.JAVA_BYTE);
    }

    boolean sameKey(long a, long b) {
        int n = keyLength(a);
        return n == keyLength(b) && MemorySegment.mismatch(journal, a + KEY_AT, a + KEY_AT + n, journal, b + KEY_AT,
                b + KEY_AT + n) < 0;
    }

    int keyHash(long at) {
        long from = at + KEY_AT;
        long to = from + keyLength(at);
        long h = 0x9E3779B97F4A7C15L;
        long p = from;
        for (; p + 8 <= to; p += 8) {
            h = (h ^ journal.get(ValueLayout.JAVA_LONG_UNALIGNED, p)) * 0xBF58476D1CE4E5B9L;
        }
        for (; p < to; p++) {
            h = (h ^ journal.get(ValueLayout.JAVA_BYTE, p)) * 0x94D049BB133111EBL;
        }
        h ^= h >>> 31;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * The key bytes {@code [8 * word, 8 * word + 8)} as a big-endian number, zeros past the key's end:
     * numbers that order as the keys' bytes (unsigned) do, where they differ.
     */
    long keyWord(long at, int word) {
        int n = keyLength(at);
        long from = at + KEY_AT + 8L * word;
        if (8L * word + 8 <= n) {
            return journal.get(LONG, from);
        }
        long w = 0;
        for (int i = 0; i < 8; i++) {
            w = w << 8 | (8L * word + i < n ? Byte.toUnsignedInt(journal.get(ValueLayout.JAVA_BYTE, from + i)) : 0);
        }
        return w;
    }

    /**
     * The order of two keys: as bytes, unsigned (MapDB's order of byte-array keys), or {@code asStrings}
     * as Java strings ({@link String#compareTo}, MapDB's order of names). For UTF-8 that is the byte order
     * except between characters from U+E000 and supplementary ones (lead bytes 0xEE and above), which
     * UTF-16 orders the other way: those are compared decoded.
     */
    int compareKeys(long a, long b, boolean asStrings) {
        long af = a + KEY_AT;
        long bf = b + KEY_AT;
        int an = keyLength(a);
        int bn = keyLength(b);
        long i = MemorySegment.mismatch(journal, af, af + an, journal, bf, bf + bn);
        if (i < 0) {
            return 0;
        }
        if (i == an || i == bn) {
            return an - bn;
        }
        int x = Byte.toUnsignedInt(journal.get(ValueLayout.JAVA_BYTE, af + i));
        int y = Byte.toUnsignedInt(journal.get(ValueLayout.JAVA_BYTE, bf + i));
        return asStrings && !sameInUtf16Order(x, y) ? keyAsString(a).compareTo(keyAsString(b)) : x - y;
    }

    /** Whether two differing bytes at the same place of two UTF-8 strings order them as UTF-16 does. */
    static boolean sameInUtf16Order(int x, int y) {
        return x < 0xEE && y < 0xEE;
    }
}
