package dropvault.server.internal.safeguards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dropvault.server.FreeSpace;
import dropvault.server.Safeguards;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DiskGuardTest {
    private final AtomicLong usable = new AtomicLong();

    private FreeSpace space(long total) {
        return new FreeSpace() {
            @Override
            public long usableBytes() {
                return usable.get();
            }

            @Override
            public long totalBytes() {
                return total;
            }
        };
    }

    @Test
    void theDefaultReserveIsOneGibOrFivePercentTheSmaller() {
        Safeguards d = Safeguards.defaults();
        assertEquals(2_000_000, d.reserveFor(40_000_000));
        assertEquals(1L << 30, d.reserveFor(1L << 40));
        assertEquals(123, d.withDisk(123, 0).reserveFor(1L << 40));
    }

    @Test
    void anUploadThatDoesNotFitAboveTheReserveIsRefusedAtItsFirstPacket() {
        DiskGuard g = new DiskGuard(space(40_000_000), 2_000_000);
        usable.set(10_000_000);
        assertNotNull(g.claim(8_000_001), "8,000,001 bytes leave less than the reserve");
        assertNull(g.claim(5_000_000));
        assertNotNull(g.claim(3_000_001), "uploads in flight count at their declared size");
        g.release(5_000_000);
        assertNull(g.claim(8_000_000));
    }

    @Test
    void anUploadIsStoppedOnceTheFreeSpaceFallsBelowTheReserve() {
        DiskGuard g = new DiskGuard(space(40_000_000), 2_000_000);
        usable.set(2_000_000);
        assertNull(g.check());
        usable.set(1_999_999);
        assertNotNull(g.check());
    }
}
