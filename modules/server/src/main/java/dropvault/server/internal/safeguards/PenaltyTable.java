package dropvault.server.internal.safeguards;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Penalty time owed by each source (OpenSSH's {@code PerSourcePenalties}, Dovecot's doubling delay).
 * An event adds {@code base} for a source's first event and twice as much for each further one
 * (up to {@code max}); the time owed runs down with the clock. A source owing more than {@code min}
 * is penalized: its connections are refused. A source with no event for {@code max} starts again
 * from {@code base}.
 *
 * <p>Bounded: at most {@code entries} sources, about 130 bytes each on the heap (measured in
 * {@code PenaltyTableTest}). A quarter of the entries is for sources seen once: a flood of distinct
 * addresses only churns that part, the oldest first. Sources with repeated events live in the rest;
 * when it is full, the one whose last event is oldest goes. So the worst offenders go last.
 */
public final class PenaltyTable {
    private static final class Owed {
        long owedUntil;
        long lastEvent;
        int strikes;
    }

    private final long baseNanos;
    private final long minNanos;
    private final long maxNanos;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<SourceGroups.Key, Owed> seenOnce;
    private final LinkedHashMap<SourceGroups.Key, Owed> repeated;

    public PenaltyTable(long baseNanos, long minNanos, long maxNanos, int entries, LongSupplier nanoClock) {
        this.baseNanos = baseNanos;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.nanoClock = nanoClock;
        int onceCapacity = Math.max(1, entries / 4);
        int repeatedCapacity = Math.max(1, entries - onceCapacity);
        this.seenOnce = bounded(onceCapacity, false);
        this.repeated = bounded(repeatedCapacity, true);
    }

    private static LinkedHashMap<SourceGroups.Key, Owed> bounded(int capacity, boolean accessOrder) {
        return new LinkedHashMap<>(16, 0.75f, accessOrder) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SourceGroups.Key, Owed> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Adds the penalty of one more event; returns the time now owed, in nanoseconds. */
    public synchronized long event(SourceGroups.Key source) {
        long now = nanoClock.getAsLong();
        Owed e = repeated.get(source);
        if (e == null) {
            e = seenOnce.remove(source);
            if (e != null && now - e.lastEvent <= maxNanos) {
                repeated.put(source, e);
            } else {
                e = new Owed();
                seenOnce.put(source, e);
            }
        }
        if (e.strikes > 0 && now - e.lastEvent > maxNanos) {
            e.strikes = 0;
        }
        e.strikes++;
        long add = e.strikes > 30 ? maxNanos : Math.min(maxNanos, baseNanos << (e.strikes - 1));
        long from = Math.max(e.owedUntil - now, 0);
        e.owedUntil = now + Math.min(maxNanos, from + add);
        e.lastEvent = now;
        return e.owedUntil - now;
    }

    /** True when the source owes more than the minimum: its connections are refused. */
    public synchronized boolean penalized(SourceGroups.Key source) {
        Owed e = repeated.get(source);
        if (e == null) {
            e = seenOnce.get(source);
        }
        return e != null && e.owedUntil - nanoClock.getAsLong() > minNanos;
    }

    /** Sources penalized now (counts the table: for figures, not for every connection). */
    public synchronized int penalizedSources() {
        long now = nanoClock.getAsLong();
        int n = 0;
        for (Map<SourceGroups.Key, Owed> m : java.util.List.of(seenOnce, repeated)) {
            for (Iterator<Owed> it = m.values().iterator(); it.hasNext(); ) {
                if (it.next().owedUntil - now > minNanos) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Sources in the table. */
    public synchronized int size() {
        return seenOnce.size() + repeated.size();
    }
}
