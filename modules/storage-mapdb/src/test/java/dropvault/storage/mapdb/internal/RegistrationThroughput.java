package dropvault.storage.mapdb.internal;

import dropvault.protocol.ClientId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: measures durable registrations per second on a fresh store for each thread count.
 * Arguments: folder for the stores (default: a temporary folder), registrations per run (default 5000),
 * then thread counts (default 1 64).
 */
public final class RegistrationThroughput {
    private RegistrationThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("dropvault-throughput");
        int registrations = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        List<Integer> threadCounts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            threadCounts.add(Integer.parseInt(args[i]));
        }
        if (threadCounts.isEmpty()) {
            threadCounts = List.of(1, 64);
        }
        for (int threads : threadCounts) {
            run(base.resolve("store-" + threads + "-" + System.nanoTime() + ".db"), registrations, threads);
        }
    }

    private static void run(Path file, int registrations, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (MapDbStore store = MapDbStore.open(file, CommitFault.NONE, 1_000_000_000L)) {
            List<Thread> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    Random random = new Random();
                    try {
                        for (int n; (n = next.getAndIncrement()) < registrations; ) {
                            if (!store.register(ClientId.random(random), "client-" + n, Instant.now())) {
                                throw new IllegalStateException("refused " + n);
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread w : workers) {
                w.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%3d threads: %6d registrations in %6.2f s = %8.0f/s, %6d commits (%.1f per commit)%n",
                    threads, registrations, seconds, registrations / seconds, store.commitCount(),
                    (double) registrations / store.commitCount());
        }
    }
}
