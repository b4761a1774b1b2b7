package dropvault.server.internal.safeguards;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureWindowsTest {

    /** Against a plain list of every failure's time: full exactly when the last {@code limit} fit in the window. */
    @Property
    void fullExactlyWhenTheLastFailuresFitTheWindow(@ForAll @IntRange(min = 1, max = 8) int limit,
                                                   @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 40) Integer> gaps) {
        AtomicLong clock = new AtomicLong();
        long window = 100;
        FailureWindows<String> w = new FailureWindows<>(limit, window, 16, clock::get);
        ArrayDeque<Long> times = new ArrayDeque<>();
        for (int gap : gaps) {
            clock.addAndGet(gap);
            boolean expected = times.size() >= limit && clock.get() - times.peekLast() < window;
            if (expected != w.full("k")) {
                throw new AssertionError("at " + clock.get() + " with " + times);
            }
            w.record("k");
            times.addFirst(clock.get());
            while (times.size() > limit) {
                times.removeLast();
            }
        }
    }

    @Test
    void theTableIsBounded() {
        FailureWindows<Integer> w = new FailureWindows<>(2, 100, 50, () -> 0);
        for (int i = 0; i < 1000; i++) {
            w.record(i);
        }
        assertTrue(w.size() <= 50);
        w.record(999);
        assertTrue(w.full(999));
        assertFalse(w.full(0), "pushed out");
    }
}
