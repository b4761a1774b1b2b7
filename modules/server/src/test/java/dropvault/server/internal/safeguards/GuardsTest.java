package dropvault.server.internal.safeguards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dropvault.server.FreeSpace;
import dropvault.server.Safeguards;
import dropvault.server.spi.Misconduct;
import dropvault.server.spi.SourcePenalizedException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Judged steps: many connections of one source at once get no more attempts than one after another. */
class GuardsTest {
    private static final InetAddress ATTACKER = address("192.0.2.7");
    private static final InetAddress NEIGHBOUR = address("192.0.2.8");

    /** The clock stands still: the penalties owed only grow, so how many steps run is exact. */
    private static Guards guards(Safeguards settings) {
        FreeSpace plenty = new FreeSpace() {
            @Override
            public long usableBytes() {
                return 1L << 40;
            }

            @Override
            public long totalBytes() {
                return 1L << 41;
            }
        };
        return new Guards(settings, new DiskGuard(plenty, 0), () -> 1_000_000_000L, System.getLogger("test"));
    }

    @Test
    void parallelAttemptsOfOneSourceStopAtThePenaltyAsSequentialOnesDo() throws Exception {
        Guards guards = guards(Safeguards.defaults());
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        int connections = 64;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
            for (int i = 0; i < connections; i++) {
                all.add(pool.submit(() -> {
                    go.await();
                    try {
                        guards.judged(ATTACKER, () -> {
                            ran.incrementAndGet();
                            guards.misconduct(ATTACKER, Misconduct.BAD_PADDING);
                        });
                    } catch (SourcePenalizedException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get();
            }
        }
        // defaults: 4 s for the first event, 8 s more for the second; beyond 8 s owed the source is penalized
        assertEquals(2, ran.get());
        assertEquals(connections - 2, refused.get());
        assertEquals(connections - 2, guards.connectionsTurnedAway());
        assertEquals(2, guards.penaltyEvents());
    }

    @Test
    void aPenalizedSourceDoesNotStopAnother() throws Exception {
        Guards guards = guards(Safeguards.defaults());
        for (int i = 0; i < 2; i++) {
            guards.judged(ATTACKER, () -> guards.misconduct(ATTACKER, Misconduct.BAD_PADDING));
        }
        assertThrows(SourcePenalizedException.class, () -> guards.judged(ATTACKER, () -> { }));
        AtomicInteger ran = new AtomicInteger();
        guards.judged(NEIGHBOUR, ran::incrementAndGet);
        assertEquals(1, ran.get());
    }

    @Test
    void anExemptSourceIsNeverRefused() throws Exception {
        Guards guards = guards(Safeguards.defaults().withExempt("192.0.2.0/24"));
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            guards.judged(ATTACKER, () -> {
                ran.incrementAndGet();
                guards.misconduct(ATTACKER, Misconduct.BAD_PADDING);
            });
        }
        assertEquals(20, ran.get());
        assertEquals(0, guards.penaltyEvents());
    }

    @Test
    void aStepThatFailsLeavesTheGateOpen() throws Exception {
        Guards guards = guards(Safeguards.defaults());
        assertThrows(IllegalStateException.class, () -> guards.judged(ATTACKER, () -> {
            throw new IllegalStateException("the step's own failure");
        }));
        AtomicInteger ran = new AtomicInteger();
        guards.judged(ATTACKER, ran::incrementAndGet);
        assertEquals(1, ran.get());
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
