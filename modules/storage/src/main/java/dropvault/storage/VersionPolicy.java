package dropvault.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * How many earlier versions a store keeps: at most {@code keepPerName} of each file name, and at
 * most {@code maxBytesPerClient} bytes of versions per client (0: no byte limit). Beyond either,
 * the oldest go first; the byte limit never takes the version that the replacement being recorded
 * has just kept (so no single upload destroys what was there before it). {@code keepPerName} 0
 * keeps none.
 */
public record VersionPolicy(int keepPerName, long maxBytesPerClient) {
    /** The defaults of {@code server.properties}: 5 per name, no byte limit. */
    public static final VersionPolicy DEFAULT = new VersionPolicy(5, 0);

    public VersionPolicy {
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
     */
    public List<FileVersion> toPrune(Collection<FileVersion> ofClient, FileVersion justKept) {
        Comparator<FileVersion> oldestFirst = Comparator.comparing(FileVersion::keptAt)
                .thenComparingLong(FileVersion::number);
        List<FileVersion> prune = new ArrayList<>();
        List<FileVersion> left = new ArrayList<>();
        ofClient.stream().map(FileVersion::fileName).distinct().forEach(name -> {
            List<FileVersion> ofName = ofClient.stream().filter(v -> v.fileName().equals(name))
                    .sorted(Comparator.comparingLong(FileVersion::number)).toList();
            int drop = Math.max(0, ofName.size() - keepPerName);
            prune.addAll(ofName.subList(0, drop));
            left.addAll(ofName.subList(drop, ofName.size()));
        });
        if (maxBytesPerClient > 0) {
            long bytes = left.stream().mapToLong(FileVersion::knownSize).sum();
            left.sort(oldestFirst);
            for (FileVersion v : left) {
                if (bytes <= maxBytesPerClient) {
                    break;
                }
                if (!v.equals(justKept)) {
                    prune.add(v);
                    bytes -= v.knownSize();
                }
            }
        }
        prune.sort(oldestFirst);
        return prune;
    }
}
