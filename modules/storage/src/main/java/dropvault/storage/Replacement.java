package dropvault.storage;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Store#putFile(FileRecord, String, java.time.Instant, VersionPolicy)} did: the version
 * it made of the record it replaced (none when the name was new), and the versions it dropped
 * under the {@link VersionPolicy}. The caller deletes the dropped versions' files, and the file
 * it offered for the version when none was made.
 */
public record Replacement(Optional<FileVersion> kept, List<FileVersion> pruned) {
    public Replacement {
        pruned = List.copyOf(pruned);
    }
}
