package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.server.ServerConfig;
import org.junit.jupiter.api.Test;

class MemoryPlanTest {
    private static final long MIB = 1 << 20;

    @Test
    void theDefaultLimitsFitTheHeapOfTheBinScript() {
        ServerConfig d = ServerConfig.defaults();
        // -Xmx160m: the JVM reports 154.7 MiB (Serial GC leaves out one survivor space)
        MemoryPlan plan = MemoryPlan.of(154 * MIB, d.maxConnections(), d.maxConcurrentUploads(), d.maxPacketData());
        assertTrue(plan.warning().isEmpty(), () -> plan.warning().get());
    }

    @Test
    void theWorstCaseAddsFramesConnectionsUploadsAndTheServer() {
        MemoryPlan plan = MemoryPlan.of(400 * MIB, 1000, 10, 128 * 1024);
        assertEquals(100 * MIB, plan.frames());
        assertEquals(1000 * MemoryPlan.CONNECTION_BYTES, plan.connections());
        assertEquals(10 * (128 * 1024 + MemoryPlan.UPLOAD_OVERHEAD_BYTES), plan.uploads());
        assertEquals(MemoryPlan.BASE_BYTES + plan.frames() + plan.connections() + plan.uploads(), plan.worstCase());
    }

    @Test
    void limitsBeyondTheHeapGetAWarningThatNamesWhatToChange() {
        MemoryPlan plan = MemoryPlan.of(192 * MIB, 50_000, 128, 128 * 1024);
        String warning = plan.warning().orElseThrow();
        assertTrue(warning.contains("-Xmx") && warning.contains("max.connections"), warning);
        assertTrue(warning.contains("293 for max.connections"), warning);
    }
}
