package dropvault.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.Protocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void helpPrintsEveryOptionAndExitsZero() {
        Bench b = Bench.run("--help");
        assertEquals(0, b.status(), b.toString());
        for (String option : new String[] {"--server", "--clients", "--sessions", "--size", "--packet", "--dialect",
                "--keep-connection", "--warmup", "--idle", "--timeout"}) {
            assertTrue(b.out().contains(option), option + " in\n" + b.out());
        }
    }

    @Test
    void usageErrorsExitTwoAndSayWhy() {
        assertUsageError("--server HOST:PORT is required", "--clients", "2");
        assertUsageError("expected HOST:PORT", "--server", "localhost");
        assertUsageError("--size", "--server", "h:1", "--size", "5g");
        assertUsageError("multiple of 16", "--server", "h:1", "--packet", "1000");
        assertUsageError("--dialect", "--server", "h:1", "--dialect", "other");
        assertUsageError("seed dialect sends 1024", "--server", "h:1", "--dialect", "seed", "--packet", "2048");
        assertUsageError("--clients", "--server", "h:1", "--clients", "0");
        assertUsageError("unexpected argument", "--server", "h:1", "extra");
    }

    private static void assertUsageError(String message, String... args) {
        Bench b = Bench.run(args);
        assertEquals(2, b.status(), b.toString());
        assertTrue(b.err().contains(message), message + " in\n" + b);
    }

    @Test
    void sizesTakePowerOf1024Suffixes() {
        assertEquals(1024, BenchOptions.number("1k", "--size", 0, Long.MAX_VALUE));
        assertEquals(100L << 20, BenchOptions.number("100m", "--size", 0, Long.MAX_VALUE));
        assertEquals(1L << 30, BenchOptions.number("1G", "--size", 0, Long.MAX_VALUE));
        assertEquals(12345, BenchOptions.number("12345", "--size", 0, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.number("k", "--size", 0, 10));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.number("11", "--size", 0, 10));
    }

    @Test
    void aLargestFileGrowsThePacketToFitIn65535Packets() {
        BenchSettings s = new BenchSettings("h", 1, 1, 1, Protocol.MAX_FILE_SIZE, 1024, dropvault.protocol.Dialect.SPEC,
                false, 0, 0, Duration.ofSeconds(1));
        assertEquals(0, s.effectivePacket() % 16);
        assertTrue(s.totalPackets() <= Protocol.MAX_PACKETS, s.totalPackets() + " packets");
        assertTrue((long) (s.totalPackets() - 1) * s.effectivePacket() < BenchSettings.contentSize(s.size()));

        BenchSettings small = new BenchSettings("h", 1, 1, 1, 1024, 1024, dropvault.protocol.Dialect.SPEC, false, 0, 0,
                Duration.ofSeconds(1));
        assertEquals(1024, small.effectivePacket());
        assertEquals(2, small.totalPackets());
    }

    @Test
    void percentilesByNearestRank() {
        long[] ms = new long[100];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = (100 - i) * 1_000_000L;
        }
        PhaseResult r = new PhaseResult(ms, 100_000_000, 2_000_000_000L);
        assertEquals(50.0, r.percentileMillis(0.50));
        assertEquals(99.0, r.percentileMillis(0.99));
        assertEquals(100.0, r.maxMillis());
        assertEquals(50.0, r.sessionsPerSecond());
        assertEquals(50.0, r.megabytesPerSecond());
    }
}
