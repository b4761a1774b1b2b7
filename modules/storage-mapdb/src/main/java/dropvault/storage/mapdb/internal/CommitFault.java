package dropvault.storage.mapdb.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Disk trouble on demand: called just before every commit, it may throw to make that commit fail. */
@FunctionalInterface
interface CommitFault {
    CommitFault NONE = () -> { };

    void beforeCommit() throws IOException;

    /** Fails every commit while {@code trigger} exists: lets a test outside the process inject disk trouble. */
    static CommitFault whileFileExists(Path trigger) {
        return () -> {
            if (Files.exists(trigger)) {
                throw new IOException("commit failed on purpose: " + trigger + " exists (option mapdb.failCommitsWhileExists)");
            }
        };
    }
}
