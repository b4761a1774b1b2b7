package dropvault.storage.mapdb.internal;

import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.spi.StoreProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Opens the MapDB store in the data folder. Options (others starting with {@code mapdb.} are refused,
 * options without that prefix are left to other components):
 * <ul>
 *   <li>{@code mapdb.file}: the file name in the data folder, default {@code store.db};</li>
 *   <li>{@code mapdb.lastSeenDelayMillis}: how long a last-seen update may wait for a commit, default 1000;</li>
 *   <li>{@code mapdb.failCommitsWhileExists}: a path; every commit fails while it exists (disk-trouble tests).</li>
 * </ul>
 */
public final class MapDbStoreProvider implements StoreProvider {
    static final String FILE = "mapdb.file";
    static final String LAST_SEEN_DELAY = "mapdb.lastSeenDelayMillis";
    static final String FAIL_COMMITS_WHILE_EXISTS = "mapdb.failCommitsWhileExists";
    private static final Set<String> OPTIONS = Set.of(FILE, LAST_SEEN_DELAY, FAIL_COMMITS_WHILE_EXISTS);
    private static final String DEFAULT_FILE = "store.db";
    private static final long DEFAULT_LAST_SEEN_DELAY_MILLIS = 1000;

    @Override
    public String name() {
        return "mapdb";
    }

    @Override
    public Store open(Path dataDir, Map<String, String> options) throws StoreException {
        Path file = dataDir.resolve(fileName(options));
        String trigger = options.get(FAIL_COMMITS_WHILE_EXISTS);
        CommitFault fault = trigger == null ? CommitFault.NONE : CommitFault.whileFileExists(Path.of(trigger));
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(lastSeenDelayMillis(options.get(LAST_SEEN_DELAY)));
        return MapDbStore.open(file, fault, delayNanos);
    }

    /** Reads a copy of the journal (see {@link ReadOnlyCopy}): a server holding the store goes on undisturbed. */
    @Override
    public Store openReadOnly(Path dataDir, Map<String, String> options) throws StoreException {
        Path file = dataDir.resolve(fileName(options));
        return ReadOnlyCopy.of(file, TimeUnit.MILLISECONDS.toNanos(lastSeenDelayMillis(options.get(LAST_SEEN_DELAY))));
    }

    private static String fileName(Map<String, String> options) throws StoreException {
        for (String key : options.keySet()) {
            if (key.startsWith("mapdb.") && !OPTIONS.contains(key)) {
                throw new StoreException("unknown store option " + key + " (known: " + OPTIONS + ")");
            }
        }
        String fileName = options.getOrDefault(FILE, DEFAULT_FILE);
        Path file = Path.of(fileName);
        if (file.getNameCount() != 1 || file.isAbsolute() || fileName.equals("..") || fileName.equals(".")) {
            throw new StoreException(FILE + " must be a plain file name in the data folder, not " + fileName);
        }
        return fileName;
    }

    private static long lastSeenDelayMillis(String value) throws StoreException {
        if (value == null) {
            return DEFAULT_LAST_SEEN_DELAY_MILLIS;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis < 0) {
                throw new NumberFormatException("negative");
            }
            return millis;
        } catch (NumberFormatException e) {
            throw new StoreException(LAST_SEEN_DELAY + " must be a number of milliseconds, not " + value, e);
        }
    }
}
