package dropvault.server.internal.safeguards;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private final AtomicLong clock = new AtomicLong();
    private final SourceGroups groups = new SourceGroups(32, 64, List.of());

    @Test
    void aHundredClientsBehindOneAddressRegisterWithinAMinuteAndNoFloodDoes() throws Exception {
        TokenBuckets<SourceGroups.Key> limiter = new TokenBuckets<>(100, 100, 1024, clock::get);
        SourceGroups.Key nat = groups.key(InetAddress.getByName("192.0.2.1"));
        for (int i = 0; i < 100; i++) {
            assertTrue(limiter.tryTake(nat), "registration " + i);
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        }
        int accepted = 0;
        long start = clock.get();
        while (clock.get() - start < TimeUnit.SECONDS.toNanos(30)) {
            if (limiter.tryTake(nat)) {
                accepted++;
            }
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        }
        // 30 s of a flood take at most a full burst (100) and 30 s of refill (50)
        assertTrue(accepted <= 150, accepted + " registrations in 30 s");
        assertTrue(limiter.tryTake(groups.key(InetAddress.getByName("192.0.2.2"))), "another source");
    }

    @Test
    void theBurstIsSpentThenItRefills() throws Exception {
        TokenBuckets<SourceGroups.Key> limiter = new TokenBuckets<>(3, 60, 1024, clock::get);
        SourceGroups.Key k = groups.key(InetAddress.getByName("198.51.100.1"));
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryTake(k));
        }
        assertFalse(limiter.tryTake(k));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertTrue(limiter.tryTake(k), "one a second");
        assertFalse(limiter.tryTake(k));
    }

    @Test
    void theTableIsBounded() throws Exception {
        TokenBuckets<SourceGroups.Key> limiter = new TokenBuckets<>(3, 60, 100, clock::get);
        for (int i = 0; i < 10_000; i++) {
            limiter.tryTake(groups.key(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i})));
        }
        assertTrue(limiter.size() <= 100);
    }
}
