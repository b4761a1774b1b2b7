package dropvault.storage.mapdb.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Disk trouble and pauses for tests, by commit number (1 = the first commit after open): a gated
 * commit waits, holding the store's lock, until the test opens the gate; a failing commit throws.
 */
final class ScriptedFault implements CommitFault {
    private final AtomicInteger commits = new AtomicInteger();
    private final Set<Integer> failing = ConcurrentHashMap.newKeySet();
    private volatile int gated = -1;
    private final CountDownLatch gateReached = new CountDownLatch(1);
    private final CountDownLatch gateOpen = new CountDownLatch(1);

    ScriptedFault gate(int commit) {
        gated = commit;
        return this;
    }

    ScriptedFault fail(int commit) {
        failing.add(commit);
        return this;
    }

    /** Makes the next commit fail. */
    void failNext() {
        failing.add(commits.get() + 1);
    }

    void awaitGate() throws InterruptedException {
        gateReached.await();
    }

    void openGate() {
        gateOpen.countDown();
    }

    @Override
    public void beforeCommit() throws IOException {
        int n = commits.incrementAndGet();
        if (n == gated) {
            gateReached.countDown();
            try {
                gateOpen.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted at the gate", e);
            }
        }
        if (failing.contains(n)) {
            throw new IOException("injected disk failure in commit " + n);
        }
    }

    /** Waits until {@code count} callers queue for the store's lock behind a gated commit. */
    static void awaitQueued(MapDbStore store, int count) throws InterruptedException {
        while (store.queuedCallers() < count) {
            if (Thread.interrupted()) {
                throw new InterruptedException("still waiting for " + count + " callers to queue");
            }
            Thread.yield();
        }
    }
}
