package dropvault.storage.mapdb.internal;

import dropvault.protocol.ClientId;
import dropvault.storage.FileRecord;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: measures the store's side of whole sessions on a fresh store for each thread count,
 * each session doing what the server asks of the store for one upload (register, read, set keys,
 * touches, read, record the file). Prints sessions per second and the process's CPU time per
 * session. Arguments: folder for the stores (default: a temporary folder), sessions per run
 * (default 5000), then thread counts (default 1 64).
 */
public final class StoreThroughput {
    private StoreThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("dropvault-throughput");
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        List<Integer> threadCounts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            threadCounts.add(Integer.parseInt(args[i]));
        }
        if (threadCounts.isEmpty()) {
            threadCounts = List.of(1, 64);
        }
        for (int threads : threadCounts) {
            run(base.resolve("store-" + threads + "-" + System.nanoTime() + ".db"), sessions, threads);
        }
    }

    private static void run(Path file, int sessions, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (MapDbStore store = MapDbStore.open(file, CommitFault.NONE, 1_000_000_000L)) {
            List<Thread> workers = new ArrayList<>();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    Random random = new Random();
                    byte[] publicKey = new byte[160];
                    try {
                        for (int n; (n = next.getAndIncrement()) < sessions; ) {
                            ClientId id = ClientId.random(random);
                            if (!store.register(id, "client-" + n, Instant.now())) {
                                throw new IllegalStateException("refused " + n);
                            }
                            store.client(id).orElseThrow();
                            random.nextBytes(publicKey);
                            store.setPublicKey(id, publicKey, Instant.now());
                            store.touch(id, Instant.now());
                            store.client(id).orElseThrow();
                            store.touch(id, Instant.now());
                            store.putFile(new FileRecord(id, "file-" + n + ".bin", "files/" + id.hex() + "/f.bin", true));
                            store.touch(id, Instant.now());
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
            double cpuMillis = (processCpuNanos() - cpuStart) / 1e6;
            System.out.printf("%3d threads: %6d sessions in %6.2f s = %8.0f/s, %.3f ms CPU a session, %6d commits%n",
                    threads, sessions, seconds, sessions / seconds, cpuMillis / sessions, store.commitCount());
        }
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
