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
 * (README, "Security"): versions kept of replaced files, penalties for sources that misbehave,
 * limits on registrations, the free-space reserve and a quota. Keys of {@code server.properties}
 * are the constants below.
 *
 * @param versions          versions kept of a replaced file ({@code versions.keep}, {@code versions.max.bytes})
 * @param penalty           penalty time of a source's first event; each further event doubles it
 * @param penaltyMin        time owed a source may have and still connect (one 1606 or one stall passes)
 * @param penaltyMax        the most a source can owe
 * @param ipv4Prefix        bits of an IPv4 address that make one source
 * @param ipv6Prefix        bits of an IPv6 address that make one source
 * @param tableEntries      sources the penalty table and the registration table each hold at most
 * @param exempt            CIDRs subject to neither penalties nor per-source limits
 * @param registrationBurst registrations a source may make at once
 * @param registrationsPerMinute registrations a source may make a minute once its burst is spent
 * @param maxClients        clients holding a public key in all
 * @param diskReserve       bytes the data folder keeps free; -1: 1 GiB or 5 % of its file system, the smaller
 * @param quotaPerClient    bytes of files and versions one client may store; 0: no quota
 * @param registrationExpiry how long a client that never sent its public key stays registered
 */
public record Safeguards(VersionPolicy versions, Duration penalty, Duration penaltyMin, Duration penaltyMax,
                         int ipv4Prefix, int ipv6Prefix, int tableEntries, List<String> exempt,
                         int registrationBurst, int registrationsPerMinute, long maxClients, long diskReserve,
                         long quotaPerClient, Duration registrationExpiry) {

    public static final String VERSIONS_KEEP = "versions.keep";
    public static final String VERSIONS_MAX_BYTES = "versions.max.bytes";
    public static final String PENALTY_SECONDS = "penalty.seconds";
    public static final String PENALTY_MIN_SECONDS = "penalty.min.seconds";
    public static final String PENALTY_MAX_SECONDS = "penalty.max.seconds";
    public static final String IPV4_PREFIX = "limits.ipv4.prefix";
    public static final String IPV6_PREFIX = "limits.ipv6.prefix";
    public static final String TABLE_ENTRIES = "limits.table.entries";
    public static final String EXEMPT = "limits.exempt";
    public static final String REGISTRATION_BURST = "limits.registrations.burst";
    public static final String REGISTRATIONS_PER_MINUTE = "limits.registrations.per.minute";
    public static final String MAX_CLIENTS = "max.clients";
    public static final String DISK_RESERVE_BYTES = "disk.reserve.bytes";
    public static final String QUOTA_BYTES = "quota.bytes.per.client";
    public static final String REGISTRATIONS_EXPIRE_MINUTES = "registrations.expire.minutes";
    /** Every key of server.properties the safeguards read (a part of {@link ServerConfig#KEYS}). */
    public static final List<String> KEYS = List.of(VERSIONS_KEEP, VERSIONS_MAX_BYTES, PENALTY_SECONDS,
            PENALTY_MIN_SECONDS, PENALTY_MAX_SECONDS, IPV4_PREFIX, IPV6_PREFIX, TABLE_ENTRIES, EXEMPT,
            REGISTRATION_BURST, REGISTRATIONS_PER_MINUTE, MAX_CLIENTS, DISK_RESERVE_BYTES, QUOTA_BYTES,
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
        if (maxClients < 1) {
            throw new IllegalArgumentException(MAX_CLIENTS + " must be at least 1: " + maxClients);
        }
        if (diskReserve < -1) {
            throw new IllegalArgumentException(DISK_RESERVE_BYTES + " must be -1 (the default) or more: " + diskReserve);
        }
        if (quotaPerClient < 0) {
            throw new IllegalArgumentException(QUOTA_BYTES + " must not be negative: " + quotaPerClient);
        }
        positive(registrationExpiry, REGISTRATIONS_EXPIRE_MINUTES);
    }

    /**
     * The defaults: 5 versions of each name; penalties of 4 s doubling with each event up to 600 s,
     * enforced beyond 8 s owed; IPv4 /32 and IPv6 /64 as one source; 32,768 sources in each table;
     * nothing exempt; 100 registrations at once and 100 a minute per source; a million clients; the
     * reserve 1 GiB or 5 %, the smaller; no quota; a registration without a key expires after 10 minutes.
     */
    public static Safeguards defaults() {
        return new Safeguards(VersionPolicy.DEFAULT, Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(600), 32, 64, 32_768, List.of(), 100, 100, 1_000_000, -1, 0,
                Duration.ofMinutes(10));
    }

    /** {@code base} with the keys present in {@code p} put over it. */
    public static Safeguards fromProperties(Properties p, Safeguards base) {
        VersionPolicy v;
        try {
            v = new VersionPolicy((int) longValue(p, VERSIONS_KEEP, base.versions.keepPerName()),
                    longValue(p, VERSIONS_MAX_BYTES, base.versions.maxBytesPerClient()));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("versions.") ? e
                    : new IllegalArgumentException(VERSIONS_KEEP + " / " + VERSIONS_MAX_BYTES + ": " + e.getMessage(), e);
        }
        return new Safeguards(v,
                Duration.ofSeconds(longValue(p, PENALTY_SECONDS, base.penalty.toSeconds())),
                Duration.ofSeconds(longValue(p, PENALTY_MIN_SECONDS, base.penaltyMin.toSeconds())),
                Duration.ofSeconds(longValue(p, PENALTY_MAX_SECONDS, base.penaltyMax.toSeconds())),
                (int) longValue(p, IPV4_PREFIX, base.ipv4Prefix),
                (int) longValue(p, IPV6_PREFIX, base.ipv6Prefix),
                (int) longValue(p, TABLE_ENTRIES, base.tableEntries),
                p.containsKey(EXEMPT) ? list(p.getProperty(EXEMPT)) : base.exempt,
                (int) longValue(p, REGISTRATION_BURST, base.registrationBurst),
                (int) longValue(p, REGISTRATIONS_PER_MINUTE, base.registrationsPerMinute),
                longValue(p, MAX_CLIENTS, base.maxClients),
                longValue(p, DISK_RESERVE_BYTES, base.diskReserve),
                longValue(p, QUOTA_BYTES, base.quotaPerClient),
                Duration.ofMinutes(longValue(p, REGISTRATIONS_EXPIRE_MINUTES, base.registrationExpiry.toMinutes())));
    }

    /** These safeguards with {@code cidrs} exempt (tests and benchmarks that flood from loopback). */
    public Safeguards withExempt(String... cidrs) {
        return new Safeguards(versions, penalty, penaltyMin, penaltyMax, ipv4Prefix, ipv6Prefix, tableEntries,
                List.of(cidrs), registrationBurst, registrationsPerMinute, maxClients, diskReserve, quotaPerClient,
                registrationExpiry);
    }

    public Safeguards withVersions(VersionPolicy policy) {
        return new Safeguards(policy, penalty, penaltyMin, penaltyMax, ipv4Prefix, ipv6Prefix, tableEntries,
                exempt, registrationBurst, registrationsPerMinute, maxClients, diskReserve, quotaPerClient,
                registrationExpiry);
    }

    public Safeguards withDisk(long reserve, long quota) {
        return new Safeguards(versions, penalty, penaltyMin, penaltyMax, ipv4Prefix, ipv6Prefix, tableEntries,
                exempt, registrationBurst, registrationsPerMinute, maxClients, reserve, quota, registrationExpiry);
    }

    public Safeguards withRegistrations(int burst, int perMinute, long max) {
        return new Safeguards(versions, penalty, penaltyMin, penaltyMax, ipv4Prefix, ipv6Prefix, tableEntries,
                exempt, burst, perMinute, max, diskReserve, quotaPerClient, registrationExpiry);
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

    private static void positive(Duration d, String key) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
    }
}
