package dropvault.server.internal.safeguards;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What each key holds now (connections of a source, uploads of a client), each at most a cap. A key
 * holding nothing is forgotten, so the tally never holds more keys than there are things held.
 */
final class Tally<K> {
    private final ConcurrentHashMap<K, Integer> held = new ConcurrentHashMap<>();

    /** Counts one more for {@code key} unless it holds {@code cap} already; whether it did. */
    boolean tryTake(K key, int cap) {
        boolean[] taken = new boolean[1];
        held.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= cap) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    /** One fewer for {@code key}, which took one. */
    void give(K key) {
        held.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    int held(K key) {
        return held.getOrDefault(key, 0);
    }

    /** Keys holding something now. */
    int keys() {
        return held.size();
    }
}
