package dropvault.storage.postgresql.internal;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Database failures, logged once in a while instead of once per request: the first at once, then
 * one line per interval with a count of the rest; a success after a failure logs that the database
 * answers again.
 */
final class Trouble {
    private static final System.Logger LOG = System.getLogger(PostgresStore.class.getName());
    private final long intervalNanos;
    private volatile boolean failing;
    private long lastLogNanos;
    private long unlogged;

    Trouble(long intervalMillis) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    synchronized void failed(String operation, SQLException e) {
        long now = System.nanoTime();
        if (!failing || now - lastLogNanos >= intervalNanos) {
            LOG.log(Level.WARNING, "store: " + operation + " failed: " + e.getMessage()
                    + (unlogged > 0 ? " (and " + unlogged + " more failures since the last report)" : ""));
            failing = true;
            lastLogNanos = now;
            unlogged = 0;
        } else {
            unlogged++;
        }
    }

    void succeeded() {
        if (failing) {
            recovered();
        }
    }

    private synchronized void recovered() {
        if (failing) {
            failing = false;
            LOG.log(Level.INFO, "store: the database answers again" + (unlogged > 0 ? " (" + unlogged
                    + " failures since the last report)" : ""));
            unlogged = 0;
        }
    }
}
