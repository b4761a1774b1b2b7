package dropvault.bench.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Failures counted by kind, with the first message of each kind as its example. Thread-safe. */
final class Failures {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, String> examples = new ConcurrentHashMap<>();

    void add(SessionFailure f) {
        counts.computeIfAbsent(f.kind(), k -> new LongAdder()).increment();
        examples.putIfAbsent(f.kind(), f.getMessage());
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Kind to count, sorted by kind. */
    Map<String, Long> byKind() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    String example(String kind) {
        return examples.get(kind);
    }
}
