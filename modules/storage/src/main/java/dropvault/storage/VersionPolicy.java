package dropvault.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * How many earlier versions a store keeps: at most {@code keepPerName} of each file name, and at
 * most {@code maxBytesPerClient} bytes of versions per client (0: no byte limit). Beyond either,
 * the oldest go first, but only once they are older than {@code minAge}: a burst of replacements
 * (someone uploading in a client's name) never prunes what the name held before it, and a client's
 * quota then refuses uploads rather than anything being deleted. The byte limit never takes the
 * version that the replacement being recorded has just kept (so no single upload destroys what was
 * there before it). {@code keepPerName} 0 keeps none.
 */
public record VersionPolicy(int keepPerName, long maxBytesPerClient, Duration minAge) {
    /** The defaults of {@code server.properties}: 5 per name, no byte limit, none pruned before 7 days. */
    public static final VersionPolicy DEFAULT = new VersionPolicy(5, 0, Duration.ofDays(7));

    /** A policy that prunes versions as soon as they are beyond its numbers, whatever their age. */
    public VersionPolicy(int keepPerName, long maxBytesPerClient) {
        this(keepPerName, maxBytesPerClient, Duration.ZERO);
    }

    public VersionPolicy {
        if (minAge == null || minAge.isNegative()) {
            throw new IllegalArgumentException("versions' minimum age must not be negative: " + minAge);
        }
        if (keepPerName < 0) {
            throw new IllegalArgumentException("versions kept per name must not be negative: " + keepPerName);
        }
        if (maxBytesPerClient < 0) {
            throw new IllegalArgumentException("version bytes per client must not be negative: " + maxBytesPerClient);
        }
    }

    /**
     * The versions to drop, oldest first. Every store implementation decides with this, so that
     * they all prune alike.
     *
     * @param ofClient every version the client has after the replacement, {@code justKept} included
     * @param justKept the version the replacement made, or null
     * @param now      the replacement's time: a version kept after {@code now - minAge} is never pruned
     */
    public List<FileVersion> toPrune(Collection<FileVersion> ofClient, FileVersion justKept, Instant now) {
        Instant youngest = now.minus(minAge);
        Comparator<FileVersion> oldestFirst = Comparator.comparing(FileVersion::keptAt)
                .thenComparingLong(FileVersion::number);
        List<FileVersion> prune = new ArrayList<>();
        List<FileVersion> left = new ArrayList<>();
        ofClient.stream().map(FileVersion::fileName).distinct().forEach(name -> {
            List<FileVersion> ofName = ofClient.stream().filter(v -> v.fileName().equals(name))
                    .sorted(Comparator.comparingLong(FileVersion::number)).toList();
            int drop = Math.max(0, ofName.size() - keepPerName);
            for (int i = 0; i < ofName.size(); i++) {
                FileVersion v = ofName.get(i);
                (i < drop && oldEnough(v, youngest) ? prune : left).add(v);
            }
        });
        if (maxBytesPerClient > 0) {
            long bytes = left.stream().mapToLong(FileVersion::knownSize).sum();
            left.sort(oldestFirst);
            for (FileVersion v : left) {
                if (bytes <= maxBytesPerClient) {
                    break;
                }
                if (!v.equals(justKept) && oldEnough(v, youngest)) {
                    prune.add(v);
                    bytes -= v.knownSize();
                }
            }
        }
        prune.sort(oldestFirst);
        return prune;
    }

    private static boolean oldEnough(FileVersion v, Instant youngest) {
        return !v.keptAt().isAfter(youngest);
    }
}
