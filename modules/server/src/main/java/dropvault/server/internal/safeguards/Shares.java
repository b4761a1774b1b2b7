package dropvault.server.internal.safeguards;

import dropvault.server.Safeguards;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Fair shares of the server (docs/SECURITY.md): connections per source and for connections
 * without a key exchange, upload slots per source and per client, and the slowest an upload may
 * arrive. Made by {@link Guards}, with its source groups and clock.
 */
public final class Shares {
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Safeguards settings;
    private final ConnectionShares connections;
    private final UploadShares uploads;
    private final LongSupplier nanoClock;
    private final Guards.ThrottledLog tooSlowLog;
    private final AtomicLong tooSlow = new AtomicLong();

    Shares(Safeguards settings, SourceGroups groups, LongSupplier nanoClock, System.Logger log) {
        this.settings = settings;
        this.connections = new ConnectionShares(groups, settings.connectionsPerSource(),
                new Guards.ThrottledLog(log, LOG_INTERVAL_NANOS, nanoClock));
        this.uploads = new UploadShares(groups, settings.uploadsPerSource(), settings.uploadsPerClient(),
                new Guards.ThrottledLog(log, LOG_INTERVAL_NANOS, nanoClock));
        this.nanoClock = nanoClock;
        this.tooSlowLog = new Guards.ThrottledLog(log, LOG_INTERVAL_NANOS, nanoClock);
    }

    public ConnectionShares connections() {
        return connections;
    }

    public UploadShares uploads() {
        return uploads;
    }

    /** Of {@code maxConnections}, how many may be without a key exchange ({@code limits.connections.unkeyed.percent}). */
    public int unkeyedConnections(int maxConnections) {
        return (int) Math.max(1, (long) maxConnections * settings.unkeyedConnectionsPercent() / 100);
    }

    /** The rate of an upload beginning now, with {@code bytes} received on its connection so far. */
    public UploadRate uploadRate(long bytes) {
        return new UploadRate(settings.uploadMinBytesPerSecond(), Safeguards.UPLOAD_RATE_WINDOW.toNanos(),
                nanoClock.getAsLong(), bytes);
    }

    /** The clock uploads are judged by (the penalties' clock). */
    public long now() {
        return nanoClock.getAsLong();
    }

    /** Whether uploads have a minimum rate at all ({@code limits.upload.min.bytes.per.second} above 0). */
    public boolean uploadsHaveAMinimumRate() {
        return settings.uploadMinBytesPerSecond() > 0;
    }

    /** Counts an upload from {@code source} dropped for arriving slower than the minimum (the caller reports the misconduct). */
    public void tooSlow(InetAddress source) {
        tooSlow.incrementAndGet();
        tooSlowLog.warn("dropped an upload from " + source.getHostAddress() + ": slower than "
                + settings.uploadMinBytesPerSecond() + " bytes a second (limits.upload.min.bytes.per.second)");
    }

    long tooSlow() {
        return tooSlow.get();
    }
}
