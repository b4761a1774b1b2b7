package dropvault.server.internal.safeguards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.server.FreeSpace;
import dropvault.server.Safeguards;
import dropvault.server.spi.Misconduct;
import dropvault.server.spi.SourcePenalizedException;
import dropvault.protocol.ClientId;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Judged steps: many connections of one source at once get no more attempts than one after another. */
class GuardsTest {
    private static final InetAddress ATTACKER = address("192.0.2.7");
    private static final InetAddress NEIGHBOUR = address("192.0.2.8");

    private static final ClientId VICTIM = ClientId.fromHex("0102030405060708090a0b0c0d0e0f10");

    /** The clock stands still: the penalties owed only grow, so how many steps run is exact. */
    private static Guards guards(Safeguards settings) {
        return guards(settings, () -> 1_000_000_000L);
    }

    private static Guards guards(Safeguards settings, java.util.function.LongSupplier clock) {
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
        return new Guards(settings, new DiskGuard(plenty, 0), clock, System.getLogger("test"));
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
                        guards.judged(ATTACKER, null, () -> {
                            ran.incrementAndGet();
                            guards.misconduct(ATTACKER, null, Misconduct.BAD_PADDING);
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
            guards.judged(ATTACKER, null, () -> guards.misconduct(ATTACKER, null, Misconduct.BAD_PADDING));
        }
        assertThrows(SourcePenalizedException.class, () -> guards.judged(ATTACKER, null, () -> { }));
        AtomicInteger ran = new AtomicInteger();
        guards.judged(NEIGHBOUR, null, ran::incrementAndGet);
        assertEquals(1, ran.get());
    }

    @Test
    void anExemptSourceIsNeverRefused() throws Exception {
        Guards guards = guards(Safeguards.defaults().withExempt("192.0.2.0/24"));
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 20; i++) {
            guards.judged(ATTACKER, null, () -> {
                ran.incrementAndGet();
                guards.misconduct(ATTACKER, null, Misconduct.BAD_PADDING);
            });
        }
        assertEquals(20, ran.get());
        assertEquals(0, guards.penaltyEvents());
    }

    @Test
    void aStepThatFailsLeavesTheGateOpen() throws Exception {
        Guards guards = guards(Safeguards.defaults());
        assertThrows(IllegalStateException.class, () -> guards.judged(ATTACKER, null, () -> {
            throw new IllegalStateException("the step's own failure");
        }));
        AtomicInteger ran = new AtomicInteger();
        guards.judged(ATTACKER, null, ran::incrementAndGet);
        assertEquals(1, ran.get());
    }

    @Test
    void guessesAtOneClientFromAnyNumberOfSourcesAreBoundedToThirtyAMinute() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        Guards guards = guards(Safeguards.defaults(), clock::get);
        int ran = 0;
        int refused = 0;
        for (int i = 0; i < 2_000; i++) {
            InetAddress source = address("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            try {
                guards.judged(source, VICTIM, () -> guards.misconduct(source, VICTIM, Misconduct.BAD_PADDING));
                ran++;
            } catch (SourcePenalizedException e) {
                refused++;
            }
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
        }
        // 2,000 sources, one guess each, over 20 s: the victim's bound, not the sources', stops them
        assertEquals(30, ran);
        assertEquals(1_970, refused);
        assertTrue(guards.guessesSpent(VICTIM));
        assertFalse(guards.guessesSpent(ClientId.fromHex("1102030405060708090a0b0c0d0e0f10")), "another client");
        clock.addAndGet(TimeUnit.SECONDS.toNanos(41));
        assertFalse(guards.guessesSpent(VICTIM), "a minute after the first of the thirty");
        guards.judged(NEIGHBOUR, VICTIM, () -> { });
    }

    @Test
    void mistakesCostAPenaltyOnlyBeyondTheirShare() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        Guards guards = guards(Safeguards.defaults(), clock::get);
        for (int i = 0; i < 30; i++) {
            guards.misconduct(ATTACKER, null, i % 2 == 0 ? Misconduct.MALFORMED_FRAME : Misconduct.REQUEST_REFUSED);
        }
        assertEquals(0, guards.penaltyEvents());
        assertTrue(guards.admit(ATTACKER), "thirty mistakes in a moment do not shut the source out");
        guards.misconduct(ATTACKER, null, Misconduct.MALFORMED_FRAME);
        guards.misconduct(ATTACKER, null, Misconduct.MALFORMED_FRAME);
        assertEquals(2, guards.penaltyEvents());
        assertFalse(guards.admit(ATTACKER), "a flood of them does");
        assertTrue(guards.admit(NEIGHBOUR));
        guards.misconduct(NEIGHBOUR, null, Misconduct.RECONNECT_REFUSED);
        assertEquals(3, guards.penaltyEvents(), "a guess is never a mistake");
    }

    @Test
    void registrationsInAllAreBoundedWhateverTheSources() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        Guards guards = guards(Safeguards.defaults().toBuilder().registrationsGlobalPerMinute(50).build(), clock::get);
        int taken = 0;
        for (int i = 0; i < 500; i++) {
            if (guards.admitRegistration(address("10.1." + (i >> 8) + "." + (i & 255)), 0)) {
                taken++;
            }
        }
        assertEquals(50, taken);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(6));
        assertTrue(guards.admitRegistration(address("10.2.0.1"), 0), "refilled: 50 a minute");
        assertEquals(450, guards.registrationsRefused());
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
