package dropvault.admin.internal;

import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.StoreInUseException;
import dropvault.storage.VersionPolicy;
import dropvault.storage.files.DataFolderFiles;
import dropvault.storage.files.FileArea;
import dropvault.storage.files.FileAreaProvider;
import dropvault.storage.spi.Providers;
import dropvault.storage.spi.StoreProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The data folder, the store and the file area a server of the same configuration would use:
 * {@code data}, {@code store.provider} and {@code store.option.*}, {@code files.provider} and
 * {@code files.NAME.*} of server.properties (the same keys, read the same way), the store and the
 * file area found by name with {@link ServiceLoader}. Closing it closes the file area.
 */
final class DataFolder implements AutoCloseable {
    static final String DATA = "data";
    static final String STORE_PROVIDER = "store.provider";
    static final String STORE_OPTION_PREFIX = "store.option.";
    static final String VERSIONS_KEEP = "versions.keep";
    static final String VERSIONS_MAX_BYTES = "versions.max.bytes";
    static final String VERSIONS_MIN_AGE_DAYS = "versions.min.age.days";
    static final String FILES_PROVIDER = "files.provider";
    static final String FILES_OPTION_PREFIX = "files.";

    private final Path dir;
    private final StoreProvider provider;
    private final Map<String, String> options;
    private final VersionPolicy policy;
    private final FileAreaProvider filesProvider;
    private final Map<String, String> filesOptions;
    private FileArea files;

    private DataFolder(Path dir, StoreProvider provider, Map<String, String> options, VersionPolicy policy,
                       FileAreaProvider filesProvider, Map<String, String> filesOptions) {
        this.dir = dir;
        this.provider = provider;
        this.options = options;
        this.policy = policy;
        this.filesProvider = filesProvider;
        this.filesOptions = filesOptions;
    }

    /**
     * @param config the server.properties to read, or null for none
     * @param data   the data folder given on the command line, or null for the configuration's
     */
    static DataFolder of(Path config, Path data, Path workDir) throws AdminException {
        Properties p = new Properties();
        if (config != null) {
            try (InputStream in = Files.newInputStream(config)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new AdminException(ExitStatus.STORE, "cannot read the configuration " + config + ": " + e);
            }
        }
        Path dir;
        try {
            dir = data != null ? data : workDir.resolve(p.getProperty(DATA, "data").strip());
        } catch (InvalidPathException e) {
            throw new AdminException(ExitStatus.STORE, DATA + " in " + config + " is not a path: " + e.getMessage());
        }
        String name = p.getProperty(STORE_PROVIDER, "mapdb").strip();
        String filesName = p.getProperty(FILES_PROVIDER, DataFolderFiles.NAME).strip();
        // the data folder holds nothing of a server whose store and files live elsewhere
        if (!Files.isDirectory(dir) && (name.equals("mapdb") || filesName.equals(DataFolderFiles.NAME))) {
            throw new AdminException(ExitStatus.STORE, "no data folder " + dir.toAbsolutePath());
        }
        StoreProvider provider = provider(StoreProvider.class, StoreProvider::name, name, "store");
        FileAreaProvider filesProvider = provider(FileAreaProvider.class, FileAreaProvider::name, filesName,
                "file area");
        return new DataFolder(dir, provider, Map.copyOf(prefixed(p, STORE_OPTION_PREFIX)), policy(p, config),
                filesProvider, Map.copyOf(prefixed(p, FILES_OPTION_PREFIX + filesName + ".")));
    }

    /** The properties whose keys start with {@code prefix}, by the rest of their key. */
    private static Map<String, String> prefixed(Properties p, String prefix) {
        Map<String, String> options = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                options.put(key.substring(prefix.length()), p.getProperty(key).strip());
            }
        }
        return options;
    }

    /** The provider of a kind that {@link ServiceLoader} finds by {@code wanted}, its name. */
    private static <P> P provider(Class<P> kind, Function<P, String> nameOf, String wanted, String what)
            throws AdminException {
        ModuleLayer layer = DataFolder.class.getModule().getLayer();
        Map<String, P> providers = Providers.byName(layer != null ? layer : ModuleLayer.boot(), kind, nameOf);
        P found = providers.get(wanted);
        if (found == null) {
            throw new AdminException(ExitStatus.STORE, "no " + what + " named '" + wanted + "'; found "
                    + providers.keySet());
        }
        return found;
    }

    /** {@code versions.keep}, {@code versions.max.bytes} and {@code versions.min.age.days} as the server reads them, its defaults where absent. */
    private static VersionPolicy policy(Properties p, Path config) throws AdminException {
        try {
            return new VersionPolicy(Math.toIntExact(number(p, VERSIONS_KEEP, VersionPolicy.DEFAULT.keepPerName())),
                    number(p, VERSIONS_MAX_BYTES, VersionPolicy.DEFAULT.maxBytesPerClient()),
                    java.time.Duration.ofDays(number(p, VERSIONS_MIN_AGE_DAYS, VersionPolicy.DEFAULT.minAge().toDays())));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new AdminException(ExitStatus.STORE, "the versions settings in " + config + ": " + e.getMessage());
        }
    }

    private static long number(Properties p, String key, long fallback) {
        String value = p.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: '" + value.strip() + "'");
        }
    }

    /** The versions kept of a replaced file, as a server of this configuration keeps them. */
    VersionPolicy policy() {
        return policy;
    }

    Path dir() {
        return dir;
    }

    /** The file area, opened on first use: where the bytes of the store's files are. */
    FileArea files() throws AdminException {
        if (files == null) {
            try {
                files = filesProvider.open(dir, filesOptions);
            } catch (IOException | RuntimeException e) {
                throw new AdminException(ExitStatus.STORE, "cannot open the " + filesProvider.name() + " file area: "
                        + e.getMessage(), e);
            }
        }
        return files;
    }

    @Override
    public void close() throws IOException {
        if (files != null) {
            files.close();
        }
    }

    /** The store as it is now, for reading: never takes it from a server that holds it. */
    Store openForReading() throws AdminException {
        try {
            return provider.openReadOnly(dir, options);
        } catch (StoreException | RuntimeException e) {
            throw new AdminException(ExitStatus.STORE, "cannot read the " + provider.name() + " store in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** The store, held by this process until closed; refused while a server holds it. */
    Store openForWriting() throws AdminException {
        try {
            return provider.open(dir, options);
        } catch (StoreInUseException e) {
            throw new AdminException(ExitStatus.IN_USE, "a server holds the store in " + dir + " (" + e.getMessage()
                    + "): stop it first. The commands that only read (clients, files, export, verify) work while"
                    + " it runs.", e);
        } catch (StoreException | RuntimeException e) {
            throw new AdminException(ExitStatus.STORE, "cannot open the " + provider.name() + " store in " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
