package dropvault.transport.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * At most {@code max} items ordered by when each was last active, the one idle longest first: the
 * connections that may be closed to make room. Thread-safe; every operation is O(1).
 */
public final class IdleOrder<T> {
    private final int max;
    /** Access order: {@link LinkedHashMap#get} moves an item to the end. */
    private final LinkedHashMap<T, Boolean> items = new LinkedHashMap<>(16, 0.75f, true);

    public IdleOrder(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least 1: " + max);
        }
        this.max = max;
    }

    /**
     * Adds {@code item} as the one active last. When {@code max} are held already, the one idle
     * longest is taken out to make room and returned (to be closed); else null.
     */
    public synchronized T add(T item) {
        T out = null;
        if (items.size() >= max) {
            Iterator<T> oldest = items.keySet().iterator();
            out = oldest.next();
            oldest.remove();
        }
        items.put(item, Boolean.TRUE);
        return out;
    }

    /** {@code item}, if held, is the one active last now. */
    public synchronized void active(T item) {
        items.get(item);
    }

    /** Takes {@code item} out; false when it was not held (taken out to make room, or never added). */
    public synchronized boolean remove(T item) {
        return items.remove(item) != null;
    }

    public synchronized int size() {
        return items.size();
    }
}
