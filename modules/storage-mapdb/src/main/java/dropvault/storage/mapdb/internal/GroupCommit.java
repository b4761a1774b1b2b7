package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Shares MapDB commits between concurrent callers. A caller applies its change under the lock, then
 * waits for the batch that holds it; one committer thread commits each batch (under the same lock, so
 * no change is ever half in a commit) and tells its callers the outcome. A failed commit is rolled
 * back: every change of that batch is gone and each of its callers gets a {@link StoreException}.
 * Lazy changes (last seen) wait for the next commit, or at most {@code lazyDelayNanos}.
 */
final class GroupCommit {
    private static final System.Logger LOG = System.getLogger(GroupCommit.class.getName());

    /** A change made under the lock; returns whether it changed anything (false: nothing to wait for). */
    @FunctionalInterface
    interface Change {
        boolean apply() throws StoreException;
    }

    /** A read made under the lock. */
    @FunctionalInterface
    interface Read<T> {
        T apply() throws StoreException;
    }

    /** What MapDB's {@code DB} gives this class: commit and rollback. */
    interface Transactions {
        void commit() throws StoreException;

        void rollback();
    }

    private static final int MAX_READ_ATTEMPTS = 3;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Transactions db;
    private final CommitFault fault;
    private final long lazyDelayNanos;
    private final Thread committer;
    private final AtomicLong commits = new AtomicLong();

    private Batch current = new Batch();
    // written under the lock; volatile for checkOpen, which does not take it
    private volatile boolean closing;
    private volatile Throwable broken;

    private static final class Batch {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        boolean dirty;
        boolean awaited;
        long dirtySince;
    }

    GroupCommit(Transactions db, CommitFault fault, long lazyDelayNanos, String name) {
        this.db = db;
        this.fault = fault;
        this.lazyDelayNanos = lazyDelayNanos;
        this.committer = Thread.ofPlatform().daemon().name("dropvault-commit " + name).unstarted(this::commitLoop);
        committer.start();
    }

    /**
     * Reads under the lock. A read never answers from a change that may still be rolled back: when
     * changes that callers wait for are pending, it waits for their commit, and reads again if that
     * commit failed.
     */
    <T> T read(Read<T> read) throws StoreException {
        for (int attempt = 1; ; attempt++) {
            T result;
            Batch seen;
            lock.lock();
            try {
                checkUsable();
                result = read.apply();
                seen = current.awaited ? current : null;
            } finally {
                lock.unlock();
            }
            if (seen == null || committed(seen, attempt)) {
                return result;
            }
        }
    }

    /**
     * Runs {@code read} under the lock, on the state as it is: changes of a pending batch included,
     * and no commit in progress meanwhile. For the journal's rewriter, which corrects for the former.
     */
    <T> T locked(Read<T> read) throws StoreException {
        lock.lock();
        try {
            checkUsable();
            return read.apply();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies {@code change} and, when it changed something, returns true once a commit holding it
     * is durable. A change that decides to change nothing is a read: see {@link #read}.
     */
    boolean write(Change change) throws StoreException {
        for (int attempt = 1; ; attempt++) {
            Batch batch;
            boolean changed;
            boolean othersPending;
            lock.lock();
            try {
                checkUsable();
                batch = current;
                othersPending = batch.awaited;
                changed = applyAtomically(change);
                if (changed) {
                    markDirty(batch);
                    batch.awaited = true;
                    work.signal();
                }
            } finally {
                lock.unlock();
            }
            if (changed) {
                awaitCommit(batch);
                return true;
            }
            if (!othersPending || committed(batch, attempt)) {
                return false;
            }
        }
    }

    /** Waits for a batch a read saw; false when it failed and the read should be made again. */
    private static boolean committed(Batch seen, int attempt) throws StoreException {
        try {
            awaitCommit(seen);
            return true;
        } catch (StoreException e) {
            if (attempt >= MAX_READ_ATTEMPTS) {
                throw e;
            }
            return false;
        }
    }

    /** Applies {@code change}; it becomes durable with the next commit, which this call does not wait for. */
    void writeLazily(Change change) throws StoreException {
        lock.lock();
        try {
            checkUsable();
            if (applyAtomically(change)) {
                markDirty(current);
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    long commits() {
        return commits.get();
    }

    /** Callers waiting for the lock, for tests that line callers up behind a commit. */
    int queuedCallers() {
        return lock.getQueueLength();
    }

    /** Commits what is pending and stops the committer; later calls fail. */
    void close() throws StoreException {
        Batch last;
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            last = current;
            work.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (committer.isAlive()) {
            try {
                committer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (last.dirty) {
            awaitCommit(last);
        }
    }

    private boolean applyAtomically(Change change) throws StoreException {
        try {
            return change.apply();
        } catch (StoreException | RuntimeException | Error e) {
            // MapDB may have taken part of the change: drop everything since the last commit
            failCurrentBatch(e);
            throw e;
        }
    }

    private void markDirty(Batch batch) {
        if (!batch.dirty) {
            batch.dirty = true;
            batch.dirtySince = System.nanoTime();
        }
    }

    /** Fails when the store is closed or broken; needs no lock. */
    void checkUsable() throws StoreException {
        if (closing) {
            throw new StoreException("the store is closed");
        }
        if (broken != null) {
            throw new StoreException("the store could not roll back a failed commit and must be reopened", broken);
        }
    }

    private static void awaitCommit(Batch batch) throws StoreException {
        try {
            batch.done.join();
        } catch (CompletionException e) {
            throw new StoreException("the store could not commit: " + e.getCause(), e.getCause());
        }
    }

    private void commitLoop() {
        lock.lock();
        try {
            while (!closing || current.dirty) {
                if (commitDue()) {
                    commitCurrentBatch();
                } else if (current.dirty) {
                    work.awaitNanos(lazyDelayNanos - (System.nanoTime() - current.dirtySince));
                } else {
                    work.await();
                }
            }
        } catch (InterruptedException e) {
            LOG.log(Level.ERROR, "the store's committer was interrupted; the store refuses further work", e);
            broken = e;
            failCurrentBatch(e);
        } finally {
            lock.unlock();
        }
    }

    private boolean commitDue() {
        Batch batch = current;
        return batch.dirty && (batch.awaited || closing || System.nanoTime() - batch.dirtySince >= lazyDelayNanos);
    }

    private void commitCurrentBatch() {
        Batch batch = current;
        current = new Batch();
        if (broken != null) {
            batch.done.completeExceptionally(broken);
            return;
        }
        try {
            fault.beforeCommit();
            db.commit();
            commits.incrementAndGet();
            batch.done.complete(null);
        } catch (Throwable e) {
            LOG.log(Level.ERROR, "a store commit failed; its changes are rolled back", e);
            rollBack(e);
            batch.done.completeExceptionally(e);
        }
    }

    private void failCurrentBatch(Throwable cause) {
        Batch batch = current;
        current = new Batch();
        rollBack(cause);
        batch.done.completeExceptionally(cause);
    }

    private void rollBack(Throwable cause) {
        try {
            db.rollback();
        } catch (Throwable e) {
            cause.addSuppressed(e);
            broken = cause;
            LOG.log(Level.ERROR, "the store could not roll back; it refuses further work until reopened", e);
        }
    }
}
