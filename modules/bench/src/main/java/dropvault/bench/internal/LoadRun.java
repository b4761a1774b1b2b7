package dropvault.bench.internal;

import dropvault.crypto.CryptoSuite;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the clients of one {@link BenchSettings}, each on a virtual thread: the key pool, the file
 * and the idle connections are ready before the clock starts; warm-up sessions run untimed.
 */
final class LoadRun {
    /** The seed of the generated file: every run uploads the same bytes. */
    static final long FILE_SEED = 20937;

    private final BenchSettings settings;
    private final CryptoSuite crypto;
    private final Failures failures = new Failures();
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private KeyPool keys;
    /**
     * Up to this many clients run on platform threads. Virtual threads wait for sockets through the
     * JDK's poller threads, which sit in epoll_wait to the end, and the JVM's exit waits 300 ms for
     * threads in native code: a one-session run would pay that on every call.
     */
    static final int PLATFORM_THREADS_UP_TO = 16;
    private Plaintext plaintext;

    /** One client context for every connection of the run (null in the clear): its sessions can resume. */
    private final javax.net.ssl.SSLContext tls;

    LoadRun(BenchSettings settings, CryptoSuite crypto) {
        this.settings = settings;
        this.crypto = crypto;
        this.tls = settings.tls() ? Connection.tlsContext(settings.tlsFingerprint()) : null;
    }

    /** Makes the key pool and the file: everything that must not be timed. */
    void prepare() {
        keys = new KeyPool(crypto, settings.clients());
        plaintext = new Plaintext(settings.size(), FILE_SEED);
    }

    Failures failures() {
        return failures;
    }

    /** Runs {@code sessionsEach} sessions on every client at once; times them when asked. */
    PhaseResult phase(String phaseName, int sessionsEach) throws InterruptedException {
        int clients = settings.clients();
        long[][] latencies = new long[clients][];
        AtomicLong bytes = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long start;
        long end;
        try (ExecutorService pool = clients <= PLATFORM_THREADS_UP_TO
                ? Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())
                : Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    SessionDriver driver = new SessionDriver(settings, crypto, plaintext, keys, client);
                    ready.countDown();
                    go.await();
                    latencies[client] = runClient(driver, phaseName, client, sessionsEach, bytes);
                    return null;
                });
            }
            ready.await();
            start = System.nanoTime();
            go.countDown();
            pool.shutdown();
            while (!pool.isTerminated()) {
                pool.awaitTermination(1, TimeUnit.SECONDS);
            }
            end = System.nanoTime();
        }
        int ok = 0;
        for (long[] l : latencies) {
            ok += l.length;
        }
        long[] all = new long[ok];
        int at = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        return new PhaseResult(all, bytes.get(), end - start);
    }

    private long[] runClient(SessionDriver driver, String phaseName, int client, int sessions, AtomicLong bytes) {
        long[] latency = new long[sessions];
        int ok = 0;
        Connection kept = null;
        for (int s = 0; s < sessions; s++) {
            String name = "bench-" + runId + "-" + phaseName + "-" + client + "-" + s;
            long t0 = System.nanoTime();
            Connection c = kept;
            try {
                if (c == null) {
                    c = Connection.open(settings.host(), settings.port(), settings.timeout(), tls);
                }
                driver.run(c, name);
                if (settings.keepConnection()) {
                    kept = c;
                } else {
                    c.close();
                }
                latency[ok++] = System.nanoTime() - t0;
                bytes.addAndGet(plaintext.size());
            } catch (SessionFailure f) {
                failures.add(f);
                if (c != null) {
                    c.close();
                }
                kept = null;
            } catch (RuntimeException e) {
                failures.add(new SessionFailure("error in the bench tool", e.toString(), e));
                if (c != null) {
                    c.close();
                }
                kept = null;
            }
        }
        if (kept != null) {
            kept.close();
        }
        return Arrays.copyOf(latency, ok);
    }
}
