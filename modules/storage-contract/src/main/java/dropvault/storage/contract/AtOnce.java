package dropvault.storage.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Work started on many threads at one signal, for races: no thread starts before all are ready. */
public final class AtOnce {
    private static final long DEADLINE_SECONDS = 120;

    private AtOnce() {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(int thread) throws Exception;
    }

    /** Runs {@code work} on {@code threads} threads released together; the results in thread order. */
    public static <T> List<T> run(int threads, Work<T> work) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!go.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the start signal never came");
                    }
                    return work.run(thread);
                }));
            }
            if (!ready.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                go.countDown();
                throw new IllegalStateException(threads + " threads did not start within " + DEADLINE_SECONDS + " s");
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(DEADLINE_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        }
    }
}
