package dropvault.storage.postgresql.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dropvault.storage.OutageLog;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.spi.StoreProvider;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Opens the store on PostgreSQL ({@code store.provider=postgresql}). Options, from
 * {@code store.option.NAME} (file bytes stay in the data folder, which servers share):
 * <ul>
 *   <li>{@code url}: {@code jdbc:postgresql://HOST:PORT/DATABASE}, required;</li>
 *   <li>{@code user}: the database user, required;</li>
 *   <li>{@code password.file}: a file holding the password (one line), else the environment variable
 *       named by {@code password.env} (default {@code DROPVAULT_STORE_PASSWORD}), else no password;</li>
 *   <li>{@code pool.size}: connections at most, default 16;</li>
 *   <li>{@code timeout.millis}: how long a request waits for a connection (the database down: it
 *       then gets 1607), default 3000;</li>
 *   <li>{@code report.interval.millis}: at most one log line per interval while the database fails,
 *       default 10000.</li>
 * </ul>
 */
public final class PostgresStoreProvider implements StoreProvider {
    static final String URL = "url";
    static final String USER = "user";
    static final String PASSWORD_FILE = "password.file";
    static final String PASSWORD_ENV = "password.env";
    static final String POOL_SIZE = "pool.size";
    static final String TIMEOUT = "timeout.millis";
    static final String REPORT_INTERVAL = "report.interval.millis";
    static final String DEFAULT_PASSWORD_ENV = "DROPVAULT_STORE_PASSWORD";
    private static final System.Logger LOG = System.getLogger(PostgresStoreProvider.class.getName());

    private final UnaryOperator<String> environment;

    public PostgresStoreProvider() {
        this(System::getenv);
    }

    PostgresStoreProvider(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Store open(Path dataDir, Map<String, String> options) throws StoreException {
        String url = required(options, URL);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StoreException("store option " + URL + " must be a jdbc:postgresql://HOST:PORT/DATABASE URL");
        }
        // a password given in the URL's parameters stays out of every message
        String where = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        int poolSize = number(options, POOL_SIZE, 16, 1);
        int timeoutMillis = number(options, TIMEOUT, 3000, 250);
        int reportMillis = number(options, REPORT_INTERVAL, 10_000, 0);

        HikariConfig config = new HikariConfig();
        config.setPoolName("dropvault-store");
        config.setJdbcUrl(url);
        config.setUsername(required(options, USER));
        config.setPassword(password(options));
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(timeoutMillis);
        config.setValidationTimeout(Math.max(250, Math.min(1000, timeoutMillis - 1)));
        config.setInitializationFailTimeout(timeoutMillis);
        config.addDataSourceProperty("connectTimeout", Integer.toString(Math.max(1, timeoutMillis / 1000)));
        config.addDataSourceProperty("socketTimeout", "60");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "dropvault");

        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the PostgreSQL store at " + where + ": " + rootMessage(e), e);
        }
        try (Connection c = pool.getConnection()) {
            int before = Schema.migrate(c);
            if (before != Schema.VERSION) {
                LOG.log(Level.INFO, "store: PostgreSQL schema at " + where + " migrated from version " + before
                        + " to " + Schema.VERSION);
            }
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StoreException("cannot open the PostgreSQL store at " + where + ": " + rootMessage(e), e);
        }
        return new PostgresStore(pool, new OutageLog(System.getLogger(PostgresStore.class.getName()), "store",
                "the database answers again", Duration.ofMillis(reportMillis)), where);
    }

    private String password(Map<String, String> options) throws StoreException {
        String file = options.get(PASSWORD_FILE);
        if (file != null) {
            try {
                String text = Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8);
                return text.lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new StoreException("cannot read the store's password file " + file + ": " + e, e);
            }
        }
        String variable = options.getOrDefault(PASSWORD_ENV, DEFAULT_PASSWORD_ENV).strip();
        return environment.apply(variable);
    }

    private static String required(Map<String, String> options, String key) throws StoreException {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new StoreException("the postgresql store needs store.option." + key);
        }
        return value.strip();
    }

    private static int number(Map<String, String> options, String key, int fallback, int min) throws StoreException {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min) {
                throw new NumberFormatException("below " + min);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new StoreException("store option " + key + " must be a whole number of at least " + min + ", not "
                    + value, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
