package dropvault.server.internal.safeguards;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (registrations per source, mistakes per source, registrations in all): each
 * holds {@code burst} tokens and is refilled at {@code perMinute} a minute. At most {@code entries}
 * keys are tracked, the least recently seen going first (a key pushed out starts with a full bucket
 * again; about 120 bytes each on the heap).
 */
public final class TokenBuckets<K> {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    private final int burst;
    private final int perMinute;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<K, Bucket> buckets;

    public TokenBuckets(int burst, int perMinute, int entries, LongSupplier nanoClock) {
        this.burst = burst;
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Bucket> eldest) {
                return size() > entries;
            }
        };
    }

    /** Takes a token of {@code key}'s bucket; false when it has none left. */
    public synchronized boolean tryTake(K key) {
        long now = nanoClock.getAsLong();
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket();
            b.tokens = burst;
            b.refilledAt = now;
            buckets.put(key, b);
        }
        b.tokens = Math.min(burst, b.tokens + (now - b.refilledAt) * (double) perMinute / MINUTE_NANOS);
        b.refilledAt = now;
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }

    public synchronized int size() {
        return buckets.size();
    }
}
