package dropvault.server.internal.safeguards;

import dropvault.server.SafeguardFigures;
import dropvault.server.Safeguards;
import dropvault.server.events.ServerEvents;
import dropvault.server.spi.Misconduct;
import dropvault.server.spi.Session;
import dropvault.server.spi.SourcePenalizedException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The safeguards of one server at run time: penalties and registration limits by source, the disk
 * reserve and quota. Every decision about a source takes its address from
 * {@link ConnectionSession#source()} or the accept loop, nowhere else.
 */
public final class Guards implements SafeguardFigures {
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Safeguards settings;
    private final SourceGroups groups;
    private final PenaltyTable penalties;
    private final RegistrationLimiter registrations;
    private final DiskGuard disk;
    private final Shares shares;
    private final System.Logger log;
    private final ThrottledLog turnedAwayLog;
    private final ThrottledLog registrationLog;
    private final ThrottledLog diskLog;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong turnedAway = new AtomicLong();
    private volatile ServerEvents observer = ServerEvents.NONE;
    private final AtomicLong registrationsRefused = new AtomicLong();
    private final AtomicLong diskRefused = new AtomicLong();
    private final AtomicLong versionsKept = new AtomicLong();
    private final AtomicLong versionsDropped = new AtomicLong();
    /** Judged steps of one source run one at a time; sources share a lock only when their keys collide here. */
    private final ReentrantLock[] judgedSteps = new ReentrantLock[256];

    public Guards(Safeguards settings, DiskGuard disk, LongSupplier nanoClock, System.Logger log) {
        this.settings = settings;
        this.groups = new SourceGroups(settings.ipv4Prefix(), settings.ipv6Prefix(), settings.exempt());
        this.penalties = new PenaltyTable(settings.penalty().toNanos(), settings.penaltyMin().toNanos(),
                settings.penaltyMax().toNanos(), settings.tableEntries(), nanoClock);
        this.registrations = new RegistrationLimiter(settings.registrationBurst(), settings.registrationsPerMinute(),
                settings.tableEntries(), nanoClock);
        this.disk = disk;
        this.shares = new Shares(settings, groups, nanoClock, log);
        this.log = log;
        this.turnedAwayLog = new ThrottledLog(log, LOG_INTERVAL_NANOS, nanoClock);
        this.registrationLog = new ThrottledLog(log, LOG_INTERVAL_NANOS, nanoClock);
        this.diskLog = new ThrottledLog(log, LOG_INTERVAL_NANOS, nanoClock);
        for (int i = 0; i < judgedSteps.length; i++) {
            judgedSteps[i] = new ReentrantLock();
        }
    }

    public Safeguards settings() {
        return settings;
    }

    /** Who hears of penalties and versions (a metrics exporter); nobody until set. */
    public void observe(ServerEvents observer) {
        this.observer = java.util.Objects.requireNonNull(observer);
    }

    /** Whether a connection from {@code source} is served; a penalized one is closed (one throttled line). */
    public boolean admit(InetAddress source) {
        if (groups.exempt(source) || !penalties.penalized(groups.key(source))) {
            return true;
        }
        turnedAway.incrementAndGet();
        observer.penaltyRefused();
        turnedAwayLog.warn("turned away connections from penalized source " + source.getHostAddress());
        return false;
    }

    /**
     * Runs {@code step} unless {@code source} is penalized, one step of a source at a time: the check
     * and the penalty the step may bring cannot interleave with another connection's.
     *
     * @throws SourcePenalizedException when the source is penalized; the step did not run
     */
    public void judged(InetAddress source, Session.Judged step) throws Exception {
        if (groups.exempt(source)) {
            step.run();
            return;
        }
        SourceGroups.Key key = groups.key(source);
        ReentrantLock lock = judgedSteps[Math.floorMod(key.hashCode(), judgedSteps.length)];
        lock.lock();
        try {
            if (penalties.penalized(key)) {
                turnedAway.incrementAndGet();
                observer.penaltyRefused();
                turnedAwayLog.warn("turned away connections from penalized source " + source.getHostAddress());
                throw new SourcePenalizedException("closed: the source is penalized");
            }
            step.run();
        } finally {
            lock.unlock();
        }
    }

    /** Penalizes {@code source} for {@code what}, unless it is exempt. */
    public void misconduct(InetAddress source, Misconduct what) {
        if (groups.exempt(source)) {
            return;
        }
        events.incrementAndGet();
        observer.penaltyImposed();
        long owed = penalties.event(groups.key(source));
        log.log(Level.DEBUG, () -> "penalty for " + source.getHostAddress() + ": " + what + ", "
                + TimeUnit.NANOSECONDS.toMillis(owed) + " ms owed");
    }

    /** Whether one more registration is taken from {@code source} with {@code clients} registered. */
    public boolean admitRegistration(InetAddress source, long clients) {
        String refused = null;
        if (clients >= settings.maxClients()) {
            refused = "max.clients (" + settings.maxClients() + ") reached";
        } else if (!groups.exempt(source) && !registrations.tryRegister(groups.key(source))) {
            refused = source.getHostAddress() + " registered more than " + settings.registrationBurst()
                    + " clients at once or " + settings.registrationsPerMinute() + " a minute";
        }
        if (refused == null) {
            return true;
        }
        registrationsRefused.incrementAndGet();
        registrationLog.warn("registrations refused (1601): " + refused);
        return false;
    }

    public DiskGuard disk() {
        return disk;
    }

    /** The fair shares of connections and uploads, and the slowest an upload may arrive. */
    public Shares shares() {
        return shares;
    }

    public long quotaPerClient() {
        return settings.quotaPerClient();
    }

    public void diskRefused(String why) {
        diskRefused.incrementAndGet();
        diskLog.warn("upload refused: " + why);
    }

    public void countVersions(int kept, int dropped) {
        versionsKept.addAndGet(kept);
        versionsDropped.addAndGet(dropped);
        for (int i = 0; i < kept; i++) {
            observer.versionKept();
        }
    }

    @Override
    public int penalizedSources() {
        return penalties.penalizedSources();
    }

    @Override
    public long penaltyEvents() {
        return events.get();
    }

    @Override
    public long connectionsTurnedAway() {
        return turnedAway.get();
    }

    @Override
    public long registrationsRefused() {
        return registrationsRefused.get();
    }

    @Override
    public long uploadsRefusedForDisk() {
        return diskRefused.get();
    }

    @Override
    public long freeDiskBytes() {
        return disk.freeBytes();
    }

    @Override
    public long diskReserveBytes() {
        return disk.reserveBytes();
    }

    @Override
    public long versionsKept() {
        return versionsKept.get();
    }

    @Override
    public long versionsDropped() {
        return versionsDropped.get();
    }

    @Override
    public long connectionsOverShare() {
        return shares.connections().refused();
    }

    @Override
    public long unkeyedConnectionsClosed() {
        return shares.connections().closedForRoom();
    }

    @Override
    public long uploadsOverShare() {
        return shares.uploads().refused();
    }

    @Override
    public long uploadsTooSlow() {
        return shares.tooSlow();
    }

    /** One warning per interval at most; the next one says how many were left out. */
    static final class ThrottledLog {
        private final System.Logger log;
        private final long intervalNanos;
        private final LongSupplier clock;
        private long lastAt;
        private boolean logged;
        private long suppressed;

        ThrottledLog(System.Logger log, long intervalNanos, LongSupplier clock) {
            this.log = log;
            this.intervalNanos = intervalNanos;
            this.clock = clock;
        }

        synchronized void warn(String message) {
            long now = clock.getAsLong();
            if (logged && now - lastAt < intervalNanos) {
                suppressed++;
                return;
            }
            String more = suppressed > 0 ? " (and " + suppressed + " more like it since the last line)" : "";
            logged = true;
            lastAt = now;
            suppressed = 0;
            log.log(Level.WARNING, message + more);
        }
    }
}
