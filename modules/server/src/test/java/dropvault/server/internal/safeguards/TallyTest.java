package dropvault.server.internal.safeguards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void eachKeyHoldsAtMostItsCapAndIsForgottenWhenItHoldsNothing() {
        Tally<String> tally = new Tally<>();
        assertTrue(tally.tryTake("a", 2));
        assertTrue(tally.tryTake("a", 2));
        assertFalse(tally.tryTake("a", 2));
        assertTrue(tally.tryTake("b", 2), "another key has a cap of its own");
        assertEquals(2, tally.held("a"));
        tally.give("a");
        assertTrue(tally.tryTake("a", 2));
        tally.give("a");
        tally.give("a");
        tally.give("b");
        assertEquals(0, tally.keys());
        tally.give("never taken");
        assertEquals(0, tally.held("never taken"));
    }

    @Test
    void manyThreadsAtOnceTakeExactlyTheCap() throws Exception {
        Tally<String> tally = new Tally<>();
        int threads = 32;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> took = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                took.add(pool.submit(() -> {
                    go.await();
                    return tally.tryTake("one", 5);
                }));
            }
            go.countDown();
            int n = 0;
            for (Future<Boolean> f : took) {
                n += f.get() ? 1 : 0;
            }
            assertEquals(5, n);
        }
        assertEquals(5, tally.held("one"));
    }
}
