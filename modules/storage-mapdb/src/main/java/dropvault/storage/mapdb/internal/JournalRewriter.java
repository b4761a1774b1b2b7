package dropvault.storage.mapdb.internal;

import dropvault.storage.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rewrites the journal from the current state once it has grown enough, on a thread of its own
 * while commits go on: the state is read in chunks (each under the commit lock, committed values
 * only), and the commit lock is held again only to copy over the records appended meanwhile and
 * swap the files.
 */
final class JournalRewriter {
    private static final System.Logger LOG = System.getLogger(JournalRewriter.class.getName());

    private final Path file;
    private final Journal journal;
    private final Tables tables;
    private final GroupCommit commits;
    private final long rewriteAt;
    private final AtomicLong rewrites = new AtomicLong();
    /** Written under the commit lock. */
    private long nextAt;
    /** Written under the commit lock; volatile for {@link #await}. */
    private volatile Thread running;

    JournalRewriter(Path file, Journal journal, Tables tables, GroupCommit commits, long rewriteAt) {
        this.file = file;
        this.journal = journal;
        this.tables = tables;
        this.commits = commits;
        this.rewriteAt = rewriteAt;
        this.nextAt = Math.max(rewriteAt, 2 * journal.length());
    }

    /** Called under the commit lock after each commit: starts a rewrite when the journal has doubled past the threshold. */
    void afterCommit() {
        if (running != null || journal.length() < nextAt) {
            return;
        }
        long before = journal.length();
        Journal.Rewrite rewrite;
        try {
            rewrite = journal.beginRewrite();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0}: could not start a journal rewrite ({1}); it goes on growing", file, e.toString());
            nextAt = Math.max(rewriteAt, 2 * before);
            return;
        }
        running = Thread.ofPlatform().daemon().name("dropvault-journal-rewrite " + file.getFileName())
                .start(() -> run(rewrite, before));
    }

    /** How many rewrites were finished. */
    long rewrites() {
        return rewrites.get();
    }

    /** Waits until no rewrite runs (one in progress ends early once the store is closed). */
    void await() {
        Thread t = running;
        boolean interrupted = false;
        while (t != null && t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Journal.Rewrite rewrite, long before) {
        long start = System.nanoTime();
        boolean finishing = false;
        try {
            for (byte table : Tables.TABLES) {
                Object after = null;
                do {
                    Object from = after;
                    Tables.Chunk chunk = commits.locked(() -> tables.committedChunk(table, from, Tables.SNAPSHOT_CHUNK));
                    if (chunk.length() > 0) {
                        rewrite.write(chunk.record(), chunk.length());
                    }
                    after = chunk.lastKey();
                } while (after != null);
            }
            // the records appended meanwhile, most of them outside the lock, then forced outside it too
            journal.catchUp(rewrite, commits.locked(journal::length));
            rewrite.force();
            finishing = true;
            long[] held = new long[1];
            FileChannel replaced = commits.locked(() -> {
                long t = System.nanoTime();
                try {
                    return journal.finishRewrite(rewrite);
                } catch (IOException e) {
                    throw new StoreException("could not finish the journal rewrite: " + e, e);
                } finally {
                    nextAt = Math.max(rewriteAt, 2 * journal.length());
                    running = null;
                    held[0] = System.nanoTime() - t;
                }
            });
            journal.closeReplaced(replaced);
            rewrites.incrementAndGet();
            LOG.log(Level.INFO, "{0}: rewrote the journal from {1} to {2} bytes in {3} ms; commits waited {4} ms for"
                    + " the swap", file, before, journal.length(), (System.nanoTime() - start) / 1_000_000,
                    held[0] / 1_000_000);
        } catch (StoreException | IOException | RuntimeException e) {
            // finishRewrite cleans up after itself; before it, the new journal is this thread's to drop
            if (!finishing) {
                journal.abandon(rewrite, e);
            }
            LOG.log(Level.WARNING, "{0}: journal rewrite given up ({1}); the journal stays as it was", file, e.toString());
        } finally {
            running = null;
        }
    }
}
