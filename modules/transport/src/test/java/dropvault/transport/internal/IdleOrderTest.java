package dropvault.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdleOrderTest {

    @Test
    void aFullOrderGivesUpTheItemIdleLongest() {
        IdleOrder<String> order = new IdleOrder<>(3);
        assertNull(order.add("a"));
        assertNull(order.add("b"));
        assertNull(order.add("c"));
        assertEquals("a", order.add("d"));
        assertEquals(3, order.size());
        assertEquals("b", order.add("e"));
    }

    @Test
    void activityMovesAnItemToTheBack() {
        IdleOrder<String> order = new IdleOrder<>(2);
        order.add("a");
        order.add("b");
        order.active("a");
        assertEquals("b", order.add("c"));
        order.active("gone");
        assertEquals(2, order.size(), "activity of an item not held adds nothing");
    }

    @Test
    void removedItemsLeaveRoomAndAreNotGivenUp() {
        IdleOrder<String> order = new IdleOrder<>(2);
        order.add("a");
        order.add("b");
        assertTrue(order.remove("a"));
        assertFalse(order.remove("a"));
        assertNull(order.add("c"));
        assertEquals("b", order.add("d"));
        assertFalse(order.remove("b"), "given up already");
    }

    @Test
    void atLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new IdleOrder<>(0));
    }
}
