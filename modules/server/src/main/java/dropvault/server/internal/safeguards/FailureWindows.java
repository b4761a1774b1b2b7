package dropvault.server.internal.safeguards;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The times of the last {@code limit} failures per key (guesses at one client's uploads, from any
 * number of sources): a key is {@link #full} while {@code limit} of them fall within {@code window},
 * so at most {@code limit} failures are made in any window. At most {@code entries} keys are tracked,
 * the least recently failed going first (8 bytes a failure, {@code limit} of them per key).
 */
public final class FailureWindows<K> {
    private static final class Ring {
        final long[] times;
        int next;
        int count;

        Ring(int limit) {
            times = new long[limit];
        }

        /** The oldest of the failures kept: the one that falls out of the window last decides. */
        long oldest() {
            return times[count < times.length ? 0 : next];
        }
    }

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<K, Ring> rings;

    public FailureWindows(int limit, long windowNanos, int entries, LongSupplier nanoClock) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.nanoClock = nanoClock;
        this.rings = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Ring> eldest) {
                return size() > entries;
            }
        };
    }

    /** Records one failure of {@code key} now. */
    public synchronized void record(K key) {
        Ring r = rings.computeIfAbsent(key, k -> new Ring(limit));
        r.times[r.next] = nanoClock.getAsLong();
        r.next = (r.next + 1) % limit;
        r.count = Math.min(limit, r.count + 1);
    }

    /** Whether {@code key} has made {@code limit} failures within the window up to now. */
    public synchronized boolean full(K key) {
        Ring r = rings.get(key);
        return r != null && r.count == limit && nanoClock.getAsLong() - r.oldest() < windowNanos;
    }

    /** Keys tracked. */
    public synchronized int size() {
        return rings.size();
    }
}
