package dropvault.admin.internal;

import dropvault.storage.FileVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Replacements of one file name that came too fast for a person: {@link #COUNT} or more versions
 * kept within {@link #WINDOW}. The protocol lets whoever knows a client's name and id upload in its
 * name, and a lucky guess gets confirmed; such an attack leaves exactly this trace in the versions.
 */
final class ReplacementBursts {
    static final int COUNT = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);

    /** The first and last replacement of the densest burst, and how many it holds. */
    record Burst(Instant from, Instant to, int replacements) {
    }

    private ReplacementBursts() {
    }

    /** The largest burst among {@code versions} (of one file name), if any reaches {@link #COUNT}. */
    static Optional<Burst> in(List<FileVersion> versions) {
        List<Instant> times = versions.stream().map(FileVersion::keptAt).sorted(Comparator.naturalOrder()).toList();
        Burst best = null;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (Duration.between(times.get(start), times.get(end)).compareTo(WINDOW) > 0) {
                start++;
            }
            int n = end - start + 1;
            if (n >= COUNT && (best == null || n > best.replacements())) {
                best = new Burst(times.get(start), times.get(end), n);
            }
        }
        return Optional.ofNullable(best);
    }
}
