package dropvault.server.internal.safeguards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Penalties with a clock the test moves: no sleeps. */
class PenaltyTableTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong clock = new AtomicLong(1_000 * S);
    private final SourceGroups groups = new SourceGroups(32, 64, List.of());

    /** The defaults of Safeguards: 4 s doubling, enforced beyond 8 s, at most 600 s. */
    private PenaltyTable table(int entries) {
        return new PenaltyTable(4 * S, 8 * S, 600 * S, entries, clock::get);
    }

    private SourceGroups.Key key(String address) throws Exception {
        return groups.key(InetAddress.getByName(address));
    }

    @Test
    void growsWithRepetitionUpToTheMaximum() throws Exception {
        PenaltyTable t = table(64);
        SourceGroups.Key k = key("192.0.2.1");
        assertEquals(4 * S, t.event(k));
        assertFalse(t.penalized(k), "4 s owed is below the 8 s a source may owe");
        assertEquals(12 * S, t.event(k), "4 s left + 8 s");
        assertTrue(t.penalized(k));
        clock.addAndGet(4 * S);
        assertFalse(t.penalized(k), "8 s owed: no more than the minimum");
        assertEquals(8 * S + 16 * S, t.event(k));
        for (int i = 0; i < 20; i++) {
            t.event(k);
        }
        assertEquals(600 * S, t.event(k), "capped");
        clock.addAndGet(592 * S);
        assertFalse(t.penalized(k));
        clock.addAndGet(601 * S);
        assertEquals(4 * S, t.event(k), "a source quiet for the maximum starts again");
    }

    @Test
    void oneRefusedReconnectOrOneStallDoesNotTurnAClientAway() throws Exception {
        PenaltyTable t = table(64);
        SourceGroups.Key k = key("198.51.100.7");
        t.event(k);
        assertFalse(t.penalized(k));
    }

    /**
     * The padding-guessing attack of docs/SECURITY.md, sequential: a new attempt whenever the source is
     * not penalized, each one a bad-padding event. With the defaults at most 30 attempts a minute.
     */
    @Test
    void theAttackGetsAtMostThirtyAttemptsAMinute() throws Exception {
        PenaltyTable t = table(64);
        SourceGroups.Key k = key("203.0.113.9");
        long start = clock.get();
        int attempts = 0;
        while (clock.get() - start < 60 * S) {
            if (t.penalized(k)) {
                clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
            } else {
                attempts++;
                t.event(k);
            }
        }
        assertTrue(attempts <= 30, attempts + " attempts");
        assertTrue(attempts <= 5, attempts + " attempts: 0 s, 0 s, 4 s, 20 s, 52 s as docs/SECURITY.md says");
        // and in a later minute, with the penalty at its maximum, fewer still
        long second = clock.get();
        int later = 0;
        while (clock.get() - second < 60 * S) {
            if (t.penalized(k)) {
                clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
            } else {
                later++;
                t.event(k);
            }
        }
        assertTrue(later <= 1, later + " attempts in the second minute");
    }

    @Test
    void ipv6SourcesAreGroupedBySlash64() throws Exception {
        PenaltyTable t = table(64);
        for (int i = 0; i < 3; i++) {
            t.event(key("2001:db8:1:2::" + Integer.toHexString(i + 1)));
        }
        assertTrue(t.penalized(key("2001:db8:1:2:ffff::1")), "same /64");
        assertFalse(t.penalized(key("2001:db8:1:3::1")), "another /64");
        assertFalse(t.penalized(key("192.0.2.1")));
    }

    /**
     * A million distinct addresses, one event each: the table stays at its size, its memory with it,
     * and the worst offenders stay in it.
     */
    @Test
    void aFloodOfDistinctAddressesNeitherGrowsTheHeapNorEvictsTheWorstOffenders() throws Exception {
        int entries = 32_768;
        PenaltyTable t = table(entries);
        SourceGroups.Key worst = key("192.0.2.66");
        for (int i = 0; i < 5; i++) {
            t.event(worst);
        }
        long heapBefore = usedHeapAfterGc();
        for (int i = 0; i < 1_000_000; i++) {
            byte[] a = {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            t.event(groups.key(InetAddress.getByAddress(a)));
            if (i % 1000 == 0) {
                clock.addAndGet(1000);
            }
        }
        assertTrue(t.size() <= entries, t.size() + " entries");
        assertTrue(t.penalized(worst), "the worst offender is still penalized");
        long grown = usedHeapAfterGc() - heapBefore;
        // a full table of 32,768 sources: about 130 bytes each, 4 MiB; the bound leaves room for the collector's noise
        assertTrue(grown < 24L << 20, "the heap grew by " + (grown >> 20) + " MiB");
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
