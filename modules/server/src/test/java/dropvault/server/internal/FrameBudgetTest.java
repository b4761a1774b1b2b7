package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameBudgetTest {

    @Test
    void aFrameThatDoesNotFitIsRefusedUntilOthersGiveBack() {
        FrameBudget budget = new FrameBudget(1024 * 1024);
        int first = budget.tryTake(300 * 1024);
        assertEquals(600, first, "a payload costs twice its size, in KiB");
        assertEquals(-1, budget.tryTake(300 * 1024), "1200 KiB do not fit 1024");
        assertTrue(budget.tryTake(200 * 1024) > 0);
        budget.give(first);
        assertTrue(budget.tryTake(300 * 1024) > 0);
    }

    @Test
    void anEmptyPayloadCostsNothing() {
        FrameBudget budget = new FrameBudget(1024);
        assertEquals(0, budget.tryTake(0));
        assertEquals(1, budget.tryTake(1), "rounded up to a whole KiB");
    }
}
