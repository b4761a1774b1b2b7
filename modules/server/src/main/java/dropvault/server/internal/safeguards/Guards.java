package dropvault.server.internal.safeguards;

import dropvault.protocol.ClientId;
import dropvault.server.SafeguardFigures;
import dropvault.server.Safeguards;
import dropvault.server.events.ServerEvents;
import dropvault.server.spi.Misconduct;
import dropvault.server.spi.Uploads;
import dropvault.server.spi.SourcePenalizedException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The safeguards of one server at run time: penalties and registration limits by source, guesses
 * bounded per client, registrations in all, the disk reserve and quota. Every decision about a
 * source takes its address from {@code ConnectionSession.source()} or the accept loop, nowhere else.
 */
public final class Guards implements SafeguardFigures {
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Safeguards settings;
    private final SourceGroups groups;
    private final PenaltyTable penalties;
    private final TokenBuckets<SourceGroups.Key> registrations;
    private final TokenBuckets<String> allRegistrations;
    private final TokenBuckets<SourceGroups.Key> mistakes;
    private final FailureWindows<ClientId> guesses;
    private final DiskGuard disk;
    private final Shares shares;
    private final System.Logger log;
    private final ThrottledLog turnedAwayLog;
    private final ThrottledLog registrationLog;
    private final ThrottledLog diskLog;
    private final ThrottledLog guessLog;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong turnedAway = new AtomicLong();
    private volatile ServerEvents observer = ServerEvents.NONE;
    private final AtomicLong registrationsRefused = new AtomicLong();
    private final AtomicLong diskRefused = new AtomicLong();
    private final AtomicLong guessesRefused = new AtomicLong();
    private final AtomicLong versionsKept = new AtomicLong();
    private final AtomicLong versionsDropped = new AtomicLong();
    /** Judged steps of one source run one at a time; sources share a lock only when their keys collide here. */
    private final ReentrantLock[] judgedSteps = new ReentrantLock[256];

    public Guards(Safeguards settings, DiskGuard disk, LongSupplier nanoClock, System.Logger log) {
        this.settings = settings;
        this.groups = new SourceGroups(settings.ipv4Prefix(), settings.ipv6Prefix(), settings.exempt());
        this.penalties = new PenaltyTable(settings.penalty().toNanos(), settings.penaltyMin().toNanos(),
                settings.penaltyMax().toNanos(), settings.tableEntries(), nanoClock);
        this.registrations = new TokenBuckets<>(settings.registrationBurst(), settings.registrationsPerMinute(),
                settings.tableEntries(), nanoClock);
        this.allRegistrations = new TokenBuckets<>(settings.registrationsGlobalPerMinute(),
                settings.registrationsGlobalPerMinute(), 1, nanoClock);
        this.mistakes = new TokenBuckets<>(settings.mistakesPerMinute(), settings.mistakesPerMinute(),
                settings.tableEntries(), nanoClock);
        this.guesses = new FailureWindows<>(settings.guessesPerClientPerMinute(), TimeUnit.MINUTES.toNanos(1),
                settings.tableEntries(), nanoClock);
        this.disk = disk;
        this.shares = new Shares(settings, groups, nanoClock, log);
        this.log = log;
        this.turnedAwayLog = new ThrottledLog(log, LOG_INTERVAL_NANOS, nanoClock);
        this.registrationLog = new ThrottledLog(log, LOG_INTERVAL_NANOS, nanoClock);
        this.diskLog = new ThrottledLog(log, LOG_INTERVAL_NANOS, nanoClock);
        this.guessLog = new ThrottledLog(log, LOG_INTERVAL_NANOS, nanoClock);
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
     * Runs {@code step} unless {@code source} is penalized or {@code client} has had all the failed
     * guesses it may have this minute, one step of a source at a time: the check and the penalty the
     * step may bring cannot interleave with another connection's. An exempt source is subject to
     * neither (the client's bound holds for every other source).
     *
     * @throws SourcePenalizedException when the source is penalized or the client's guesses are spent;
     *                                  the step did not run
     */
    public void judged(InetAddress source, ClientId client, Uploads.Judged step) throws Exception {
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
            if (client != null && guesses.full(client)) {
                throw guessesRefusedFor(client);
            }
            step.run();
        } finally {
            lock.unlock();
        }
    }

    /** Whether uploads for {@code client} are refused now: it had all the failed guesses it may have this minute. */
    public boolean guessesSpent(ClientId client) {
        return guesses.full(client);
    }

    private SourcePenalizedException guessesRefusedFor(ClientId client) {
        guessesRefused.incrementAndGet();
        guessLog.warn("uploads for client " + client.hex() + " refused: " + settings.guessesPerClientPerMinute()
                + " of them failed their padding within a minute (someone guessing at its key)");
        return new SourcePenalizedException("closed: client " + client.hex() + " had "
                + settings.guessesPerClientPerMinute() + " failed uploads this minute");
    }

    /**
     * Counts {@code what} against {@code source} (unless it is exempt) and, for a guess at a key, against
     * {@code client} (null when the connection speaks for none), from every source alike. A mistake
     * adds a penalty only once the source has made more than its share of them this minute.
     */
    public void misconduct(InetAddress source, ClientId client, Misconduct what) {
        if (what.guessesKey() && client != null) {
            guesses.record(client);
        }
        if (groups.exempt(source)) {
            return;
        }
        SourceGroups.Key key = groups.key(source);
        if (what.mistake() && mistakes.tryTake(key)) {
            log.log(Level.DEBUG, () -> "mistake of " + source.getHostAddress() + ": " + what + ", within its share");
            return;
        }
        events.incrementAndGet();
        observer.penaltyImposed();
        long owed = penalties.event(key);
        log.log(Level.DEBUG, () -> "penalty for " + source.getHostAddress() + ": " + what + ", "
                + TimeUnit.NANOSECONDS.toMillis(owed) + " ms owed");
    }

    /** Whether one more registration is taken from {@code source} with {@code clients} registered. */
    public boolean admitRegistration(InetAddress source, long clients) {
        String refused = null;
        boolean exempt = groups.exempt(source);
        if (clients >= settings.maxClients()) {
            refused = "max.clients (" + settings.maxClients() + ") reached";
        } else if (!exempt && !registrations.tryTake(groups.key(source))) {
            refused = source.getHostAddress() + " registered more than " + settings.registrationBurst()
                    + " clients at once or " + settings.registrationsPerMinute() + " a minute";
        } else if (!exempt && !allRegistrations.tryTake("all")) {
            refused = "more than " + settings.registrationsGlobalPerMinute() + " registrations a minute from all sources";
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

    /** Uploads refused because their client had all the failed guesses it may have in a minute. */
    public long uploadsRefusedForGuesses() {
        return guessesRefused.get();
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
