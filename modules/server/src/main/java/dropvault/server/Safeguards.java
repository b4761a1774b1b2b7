package dropvault.server;

import static dropvault.server.ServerConfig.longValue;

import dropvault.storage.VersionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * What keeps a client's files, the store and the disk safe from whoever speaks the protocol
 * (docs/SECURITY.md): versions kept of replaced files, penalties for sources that misbehave,
 * limits on registrations, fair shares of connections and uploads, the free-space reserve and a
 * quota. Keys of {@code server.properties} are the constants below; made or changed through a
 * {@link Builder}.
 *
 * @param versions          versions kept of a replaced file ({@code versions.keep}, {@code versions.max.bytes},
 *                          {@code versions.min.age.days})
 * @param penalty           penalty time of a source's first event; each further event doubles it
 * @param penaltyMin        time owed a source may have and still connect (one 1606 or one stall passes)
 * @param penaltyMax        the most a source can owe
 * @param ipv4Prefix        bits of an IPv4 address that make one source
 * @param ipv6Prefix        bits of an IPv6 address that make one source
 * @param tableEntries      sources the penalty table and the registration table each hold at most
 * @param exempt            CIDRs subject to neither penalties nor per-source limits
 * @param registrationBurst registrations a source may make at once
 * @param registrationsPerMinute registrations a source may make a minute once its burst is spent
 * @param registrationsGlobalPerMinute registrations the server takes a minute from all sources together
 * @param maxClients        clients holding a public key in all
 * @param guessesPerClientPerMinute uploads for one client that may fail their padding in a minute, from
 *                          any number of sources; past it, uploads for that client are refused until the
 *                          minute has passed
 * @param mistakesPerMinute malformed frames, stalls and refused requests a source may make a minute before
 *                          they cost it penalties (each such mistake always costs its connection)
 * @param connectionsPerSource connections one source may hold open at once
 * @param unkeyedConnectionsPercent the part of max.connections that connections without a key exchange
 *                          may hold; when they hold it, the one idle longest is closed for a new one
 * @param uploadsPerSource  uploads in progress at once from one source
 * @param uploadsPerClient  uploads in progress at once for one client
 * @param uploadMinBytesPerSecond the slowest an upload may arrive, over each window of
 *                          {@link #UPLOAD_RATE_WINDOW}; a slower one is dropped and penalized
 * @param diskReserve       bytes the data folder keeps free; -1: 1 GiB or 5 % of its file system, the smaller
 * @param quotaPerClient    bytes of files and versions one client may store; 0: no quota
 * @param registrationExpiry how long a client that never sent its public key stays registered
 */
public record Safeguards(
        VersionPolicy versions,
        Duration penalty,
        Duration penaltyMin,
        Duration penaltyMax,
        int ipv4Prefix,
        int ipv6Prefix,
        int tableEntries,
        List<String> exempt,
        int registrationBurst,
        int registrationsPerMinute,
        int registrationsGlobalPerMinute,
        long maxClients,
        int guessesPerClientPerMinute,
        int mistakesPerMinute,
        int connectionsPerSource,
        int unkeyedConnectionsPercent,
        int uploadsPerSource,
        int uploadsPerClient,
        long uploadMinBytesPerSecond,
        long diskReserve,
        long quotaPerClient,
        Duration registrationExpiry) {

    public static final String VERSIONS_KEEP = "versions.keep";
    public static final String VERSIONS_MAX_BYTES = "versions.max.bytes";
    public static final String VERSIONS_MIN_AGE_DAYS = "versions.min.age.days";
    public static final String PENALTY_SECONDS = "penalty.seconds";
    public static final String PENALTY_MIN_SECONDS = "penalty.min.seconds";
    public static final String PENALTY_MAX_SECONDS = "penalty.max.seconds";
    public static final String IPV4_PREFIX = "limits.ipv4.prefix";
    public static final String IPV6_PREFIX = "limits.ipv6.prefix";
    public static final String TABLE_ENTRIES = "limits.table.entries";
    public static final String EXEMPT = "limits.exempt";
    public static final String REGISTRATION_BURST = "limits.registrations.burst";
    public static final String REGISTRATIONS_PER_MINUTE = "limits.registrations.per.minute";
    public static final String REGISTRATIONS_GLOBAL_PER_MINUTE = "limits.registrations.global.per.minute";
    public static final String MAX_CLIENTS = "max.clients";
    public static final String GUESSES_PER_CLIENT_PER_MINUTE = "limits.guesses.per.client.per.minute";
    public static final String MISTAKES_PER_MINUTE = "limits.mistakes.per.minute";
    public static final String CONNECTIONS_PER_SOURCE = "limits.connections.per.source";
    public static final String UNKEYED_CONNECTIONS_PERCENT = "limits.connections.unkeyed.percent";
    public static final String UPLOADS_PER_SOURCE = "limits.uploads.per.source";
    public static final String UPLOADS_PER_CLIENT = "limits.uploads.per.client";
    public static final String UPLOAD_MIN_BYTES_PER_SECOND = "limits.upload.min.bytes.per.second";
    /** The window over which an upload's rate is judged; the first one starts at its first packet. */
    public static final Duration UPLOAD_RATE_WINDOW = Duration.ofSeconds(30);
    public static final String DISK_RESERVE_BYTES = "disk.reserve.bytes";
    public static final String QUOTA_BYTES = "quota.bytes.per.client";
    public static final String REGISTRATIONS_EXPIRE_MINUTES = "registrations.expire.minutes";
    /** Every key of server.properties the safeguards read (a part of {@link ServerConfig#KEYS}). */
    public static final List<String> KEYS = List.of(VERSIONS_KEEP, VERSIONS_MAX_BYTES, VERSIONS_MIN_AGE_DAYS,
            PENALTY_SECONDS, PENALTY_MIN_SECONDS, PENALTY_MAX_SECONDS, IPV4_PREFIX, IPV6_PREFIX, TABLE_ENTRIES,
            EXEMPT, REGISTRATION_BURST, REGISTRATIONS_PER_MINUTE, REGISTRATIONS_GLOBAL_PER_MINUTE, MAX_CLIENTS,
            GUESSES_PER_CLIENT_PER_MINUTE, MISTAKES_PER_MINUTE, CONNECTIONS_PER_SOURCE, UNKEYED_CONNECTIONS_PERCENT,
            UPLOADS_PER_SOURCE, UPLOADS_PER_CLIENT, UPLOAD_MIN_BYTES_PER_SECOND, DISK_RESERVE_BYTES, QUOTA_BYTES,
            REGISTRATIONS_EXPIRE_MINUTES);

    /** The 1 GiB of the default reserve, and its 5 %. */
    public static final long DEFAULT_RESERVE_CAP = 1L << 30;
    public static final int DEFAULT_RESERVE_PERCENT = 5;

    public Safeguards {
        Objects.requireNonNull(versions, "versions");
        positive(penalty, PENALTY_SECONDS);
        if (penaltyMin.isNegative()) {
            throw new IllegalArgumentException(PENALTY_MIN_SECONDS + " must not be negative");
        }
        if (penaltyMax.compareTo(penalty) < 0 || penaltyMax.compareTo(penaltyMin) < 0) {
            throw new IllegalArgumentException(PENALTY_MAX_SECONDS + " must be at least " + PENALTY_SECONDS + " and "
                    + PENALTY_MIN_SECONDS);
        }
        if (ipv4Prefix < 1 || ipv4Prefix > 32) {
            throw new IllegalArgumentException(IPV4_PREFIX + " must be 1 to 32: " + ipv4Prefix);
        }
        if (ipv6Prefix < 1 || ipv6Prefix > 128) {
            throw new IllegalArgumentException(IPV6_PREFIX + " must be 1 to 128: " + ipv6Prefix);
        }
        if (tableEntries < 16) {
            throw new IllegalArgumentException(TABLE_ENTRIES + " must be at least 16: " + tableEntries);
        }
        exempt = List.copyOf(exempt);
        if (registrationBurst < 1 || registrationsPerMinute < 1) {
            throw new IllegalArgumentException(REGISTRATION_BURST + " and " + REGISTRATIONS_PER_MINUTE
                    + " must be at least 1");
        }
        atLeast(1, registrationsGlobalPerMinute, REGISTRATIONS_GLOBAL_PER_MINUTE);
        atLeast(1, guessesPerClientPerMinute, GUESSES_PER_CLIENT_PER_MINUTE);
        atLeast(1, mistakesPerMinute, MISTAKES_PER_MINUTE);
        atLeast(1, connectionsPerSource, CONNECTIONS_PER_SOURCE);
        if (unkeyedConnectionsPercent < 1 || unkeyedConnectionsPercent > 100) {
            throw new IllegalArgumentException(UNKEYED_CONNECTIONS_PERCENT + " must be 1 to 100: "
                    + unkeyedConnectionsPercent);
        }
        atLeast(1, uploadsPerSource, UPLOADS_PER_SOURCE);
        atLeast(1, uploadsPerClient, UPLOADS_PER_CLIENT);
        atLeast(0, uploadMinBytesPerSecond, UPLOAD_MIN_BYTES_PER_SECOND);
        positive(registrationExpiry, REGISTRATIONS_EXPIRE_MINUTES);
        if (maxClients < 1) {
            throw new IllegalArgumentException(MAX_CLIENTS + " must be at least 1: " + maxClients);
        }
        if (diskReserve < -1) {
            throw new IllegalArgumentException(DISK_RESERVE_BYTES + " must be -1 (the default) or more: " + diskReserve);
        }
        if (quotaPerClient < 0) {
            throw new IllegalArgumentException(QUOTA_BYTES + " must not be negative: " + quotaPerClient);
        }
    }

    /**
     * The defaults: 5 versions of each name, none pruned before it is 7 days old; penalties of 4 s
     * doubling with each event up to 600 s, enforced beyond 8 s owed; IPv4 /32 and IPv6 /64 as one
     * source; 32,768 sources in each table; nothing exempt; 100 registrations at once and 100 a minute
     * per source, 600 a minute in all; a million clients; 30 failed guesses a minute per client; 30
     * mistakes a minute per source before penalties; 1,000 connections per source, half of
     * max.connections for connections without a key exchange; 16 uploads at once per source and 4 per
     * client, each at least 1 KiB/s; the reserve 1 GiB or 5 %, the smaller; no quota; a registration
     * without a key expires after 10 minutes.
     */
    public static Safeguards defaults() {
        return new Safeguards(VersionPolicy.DEFAULT, Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(600), 32, 64, 32_768, List.of(), 100, 100, 600, 1_000_000, 30, 30, 1_000, 50, 16, 4,
                1024, -1, 0, Duration.ofMinutes(10));
    }

    /** {@code base} with the keys present in {@code p} put over it. */
    public static Safeguards fromProperties(Properties p, Safeguards base) {
        VersionPolicy v;
        try {
            v = new VersionPolicy((int) longValue(p, VERSIONS_KEEP, base.versions.keepPerName()),
                    longValue(p, VERSIONS_MAX_BYTES, base.versions.maxBytesPerClient()),
                    Duration.ofDays(longValue(p, VERSIONS_MIN_AGE_DAYS, base.versions.minAge().toDays())));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("versions.") ? e
                    : new IllegalArgumentException(VERSIONS_KEEP + " / " + VERSIONS_MAX_BYTES + " / "
                    + VERSIONS_MIN_AGE_DAYS + ": " + e.getMessage(), e);
        }
        Builder b = base.toBuilder()
                .versions(v)
                .penalty(Duration.ofSeconds(longValue(p, PENALTY_SECONDS, base.penalty.toSeconds())))
                .penaltyMin(Duration.ofSeconds(longValue(p, PENALTY_MIN_SECONDS, base.penaltyMin.toSeconds())))
                .penaltyMax(Duration.ofSeconds(longValue(p, PENALTY_MAX_SECONDS, base.penaltyMax.toSeconds())))
                .ipv4Prefix(intValue(p, IPV4_PREFIX, base.ipv4Prefix))
                .ipv6Prefix(intValue(p, IPV6_PREFIX, base.ipv6Prefix))
                .tableEntries(intValue(p, TABLE_ENTRIES, base.tableEntries))
                .registrationBurst(intValue(p, REGISTRATION_BURST, base.registrationBurst))
                .registrationsPerMinute(intValue(p, REGISTRATIONS_PER_MINUTE, base.registrationsPerMinute))
                .registrationsGlobalPerMinute(intValue(p, REGISTRATIONS_GLOBAL_PER_MINUTE,
                        base.registrationsGlobalPerMinute))
                .maxClients(longValue(p, MAX_CLIENTS, base.maxClients))
                .guessesPerClientPerMinute(intValue(p, GUESSES_PER_CLIENT_PER_MINUTE, base.guessesPerClientPerMinute))
                .mistakesPerMinute(intValue(p, MISTAKES_PER_MINUTE, base.mistakesPerMinute))
                .connectionsPerSource(intValue(p, CONNECTIONS_PER_SOURCE, base.connectionsPerSource))
                .unkeyedConnectionsPercent(intValue(p, UNKEYED_CONNECTIONS_PERCENT, base.unkeyedConnectionsPercent))
                .uploadsPerSource(intValue(p, UPLOADS_PER_SOURCE, base.uploadsPerSource))
                .uploadsPerClient(intValue(p, UPLOADS_PER_CLIENT, base.uploadsPerClient))
                .uploadMinBytesPerSecond(longValue(p, UPLOAD_MIN_BYTES_PER_SECOND, base.uploadMinBytesPerSecond))
                .diskReserve(longValue(p, DISK_RESERVE_BYTES, base.diskReserve))
                .quotaPerClient(longValue(p, QUOTA_BYTES, base.quotaPerClient))
                .registrationExpiry(Duration.ofMinutes(longValue(p, REGISTRATIONS_EXPIRE_MINUTES,
                        base.registrationExpiry.toMinutes())));
        if (p.containsKey(EXEMPT)) {
            b.exempt(list(p.getProperty(EXEMPT)));
        }
        return b.build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** These safeguards with {@code cidrs} exempt (tests and benchmarks that flood from loopback). */
    public Safeguards withExempt(String... cidrs) {
        return toBuilder().exempt(List.of(cidrs)).build();
    }

    public Safeguards withVersions(VersionPolicy policy) {
        return toBuilder().versions(policy).build();
    }

    public Safeguards withDisk(long reserve, long quota) {
        return toBuilder().diskReserve(reserve).quotaPerClient(quota).build();
    }

    public Safeguards withRegistrations(int burst, int perMinute, long max) {
        return toBuilder().registrationBurst(burst).registrationsPerMinute(perMinute).maxClients(max).build();
    }

    /** The reserve for a file system of {@code totalBytes}. */
    public long reserveFor(long totalBytes) {
        return diskReserve >= 0 ? diskReserve
                : Math.min(DEFAULT_RESERVE_CAP, totalBytes / 100 * DEFAULT_RESERVE_PERCENT);
    }

    private static List<String> list(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static int intValue(Properties p, String key, int fallback) {
        long v = longValue(p, key, fallback);
        if (v != (int) v) {
            throw new IllegalArgumentException(key + " is too large: " + v);
        }
        return (int) v;
    }

    private static void atLeast(long min, long value, String key) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ": " + value);
        }
    }

    private static void positive(Duration d, String key) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
    }

    /** Safeguards being made: every value starts as the one they were made from. */
    public static final class Builder {
        private VersionPolicy versions;
        private Duration penalty;
        private Duration penaltyMin;
        private Duration penaltyMax;
        private int ipv4Prefix;
        private int ipv6Prefix;
        private int tableEntries;
        private List<String> exempt;
        private int registrationBurst;
        private int registrationsPerMinute;
        private int registrationsGlobalPerMinute;
        private long maxClients;
        private int guessesPerClientPerMinute;
        private int mistakesPerMinute;
        private int connectionsPerSource;
        private int unkeyedConnectionsPercent;
        private int uploadsPerSource;
        private int uploadsPerClient;
        private long uploadMinBytesPerSecond;
        private long diskReserve;
        private long quotaPerClient;
        private Duration registrationExpiry;

        private Builder(Safeguards s) {
            versions = s.versions;
            penalty = s.penalty;
            penaltyMin = s.penaltyMin;
            penaltyMax = s.penaltyMax;
            ipv4Prefix = s.ipv4Prefix;
            ipv6Prefix = s.ipv6Prefix;
            tableEntries = s.tableEntries;
            exempt = s.exempt;
            registrationBurst = s.registrationBurst;
            registrationsPerMinute = s.registrationsPerMinute;
            registrationsGlobalPerMinute = s.registrationsGlobalPerMinute;
            maxClients = s.maxClients;
            guessesPerClientPerMinute = s.guessesPerClientPerMinute;
            mistakesPerMinute = s.mistakesPerMinute;
            connectionsPerSource = s.connectionsPerSource;
            unkeyedConnectionsPercent = s.unkeyedConnectionsPercent;
            uploadsPerSource = s.uploadsPerSource;
            uploadsPerClient = s.uploadsPerClient;
            uploadMinBytesPerSecond = s.uploadMinBytesPerSecond;
            diskReserve = s.diskReserve;
            quotaPerClient = s.quotaPerClient;
            registrationExpiry = s.registrationExpiry;
        }

        /** @throws IllegalArgumentException naming the setting whose value is not valid */
        public Safeguards build() {
            return new Safeguards(versions, penalty, penaltyMin, penaltyMax, ipv4Prefix, ipv6Prefix, tableEntries,
                    exempt, registrationBurst, registrationsPerMinute, registrationsGlobalPerMinute, maxClients,
                    guessesPerClientPerMinute, mistakesPerMinute, connectionsPerSource, unkeyedConnectionsPercent,
                    uploadsPerSource, uploadsPerClient, uploadMinBytesPerSecond, diskReserve, quotaPerClient,
                    registrationExpiry);
        }

        public Builder versions(VersionPolicy v) {
            versions = v;
            return this;
        }

        public Builder penalty(Duration v) {
            penalty = v;
            return this;
        }

        public Builder penaltyMin(Duration v) {
            penaltyMin = v;
            return this;
        }

        public Builder penaltyMax(Duration v) {
            penaltyMax = v;
            return this;
        }

        public Builder ipv4Prefix(int v) {
            ipv4Prefix = v;
            return this;
        }

        public Builder ipv6Prefix(int v) {
            ipv6Prefix = v;
            return this;
        }

        public Builder tableEntries(int v) {
            tableEntries = v;
            return this;
        }

        public Builder exempt(List<String> v) {
            exempt = v;
            return this;
        }

        public Builder registrationBurst(int v) {
            registrationBurst = v;
            return this;
        }

        public Builder registrationsPerMinute(int v) {
            registrationsPerMinute = v;
            return this;
        }

        public Builder registrationsGlobalPerMinute(int v) {
            registrationsGlobalPerMinute = v;
            return this;
        }

        public Builder maxClients(long v) {
            maxClients = v;
            return this;
        }

        public Builder guessesPerClientPerMinute(int v) {
            guessesPerClientPerMinute = v;
            return this;
        }

        public Builder mistakesPerMinute(int v) {
            mistakesPerMinute = v;
            return this;
        }

        public Builder connectionsPerSource(int v) {
            connectionsPerSource = v;
            return this;
        }

        public Builder unkeyedConnectionsPercent(int v) {
            unkeyedConnectionsPercent = v;
            return this;
        }

        public Builder uploadsPerSource(int v) {
            uploadsPerSource = v;
            return this;
        }

        public Builder uploadsPerClient(int v) {
            uploadsPerClient = v;
            return this;
        }

        public Builder uploadMinBytesPerSecond(long v) {
            uploadMinBytesPerSecond = v;
            return this;
        }

        public Builder diskReserve(long v) {
            diskReserve = v;
            return this;
        }

        public Builder quotaPerClient(long v) {
            quotaPerClient = v;
            return this;
        }
    
        public Builder registrationExpiry(Duration v) {
            registrationExpiry = v;
            return this;
        }
    }
}
