package dropvault.server.internal;

import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes the registrations that never sent their public key within {@code registrations.expire.minutes}
 * (a bare 825 must not make a permanent client): once at start, then on a platform daemon thread
 * every minute (or every expiry, when shorter).
 */
public final class RegistrationExpiry implements AutoCloseable {
    private static final Duration LONGEST_PERIOD = Duration.ofMinutes(1);

    private final Store store;
    private final Clock clock;
    private final Duration expiry;
    private final System.Logger log;
    private ScheduledExecutorService timer;

    public RegistrationExpiry(Store store, Clock clock, Duration expiry, System.Logger log) {
        this.store = store;
        this.clock = clock;
        this.expiry = expiry;
        this.log = log;
    }

    /** Removes what has expired by the clock now; returns how many, logging one line when any. */
    public int sweep() throws StoreException {
        int removed = store.expireRegistrations(clock.instant().minus(expiry));
        if (removed > 0) {
            log.log(Level.INFO, "removed " + removed + " registrations that sent no public key within "
                    + expiry.toMinutes() + " minutes; their names are free again");
        }
        return removed;
    }

    /** Sweeps from now on, every period, until closed. */
    public synchronized void start() {
        Duration period = expiry.compareTo(LONGEST_PERIOD) < 0 ? expiry : LONGEST_PERIOD;
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("dropvault-registration-expiry").factory());
        timer.scheduleWithFixedDelay(this::sweepQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (StoreException | RuntimeException e) {
            log.log(Level.WARNING, "could not remove expired registrations (tried again in a minute): " + e);
        }
    }

    /** Stops sweeping; a sweep in progress ends first. */
    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        boolean interrupted = false;
        while (!timer.isTerminated()) {
            try {
                timer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
