package dropvault.server;

import dropvault.transport.ProxyProtocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How a {@link Server} runs. Every value has a safe default; {@link #fromProperties} reads the keys
 * of {@code conf/server.properties} (the constants below) over the defaults. A configuration is made
 * or changed through its {@link Builder}: {@code ServerConfig.defaults().toBuilder().port(0).build()}.
 */
public record ServerConfig(
        int port,
        InetAddress bindAddress,
        Path dataDir,
        String cryptoProvider,
        String storeProvider,
        int maxPacketData,
        Duration idleTimeout,
        int maxConnections,
        long maxFileSize,
        int maxConcurrentUploads,
        Duration shutdownGrace,
        Map<String, String> storeOptions,
        Optional<Duration> resendAnswerWait,
        Safeguards safeguards,
        String proxyProtocol,
        OptionalInt tlsPort,
        boolean plainEnabled,
        Optional<Path> tlsCertificate,
        Optional<Path> tlsPrivateKey,
        String tlsProvider,
        boolean keepUnconfirmed,
        String filesProvider,
        Map<String, String> filesOptions) {

    public static final String PORT = "port";
    public static final String BIND = "bind";
    public static final String DATA = "data";
    public static final String CRYPTO_PROVIDER = "crypto.provider";
    public static final String STORE_PROVIDER = "store.provider";
    public static final String MAX_PACKET_DATA = "max.packet.data";
    public static final String IDLE_TIMEOUT_SECONDS = "idle.timeout.seconds";
    public static final String MAX_CONNECTIONS = "max.connections";
    public static final String MAX_FILE_SIZE = "max.file.size";
    public static final String MAX_CONCURRENT_UPLOADS = "max.concurrent.uploads";
    public static final String SHUTDOWN_GRACE_SECONDS = "shutdown.grace.seconds";
    /** {@code off} (the default), {@code v1}, {@code v2} or {@code any}: the PROXY protocol header on every connection. */
    public static final String PROXY_PROTOCOL = "proxy.protocol";
    /**
     * Keys {@code store.option.NAME} pass {@code NAME} to the store as an option, such as
     * {@code store.option.mapdb.file=store.db}.
     */
    public static final String STORE_OPTION_PREFIX = "store.option.";
    /** PROTOCOL.md §8, the 901 conflict: whether a 901 that no resent packet follows gets a 1604. */
    public static final String RESEND_ANSWER = "resend.answer";
    /** How long a resend's first packet may take to follow its 901 before the server answers 1604. */
    public static final String RESEND_ANSWER_WAIT_MILLIS = "resend.answer.wait.millis";
    /**
     * 2 s: a client that resends at once writes its first packet right after the 901, and even when
     * Nagle's algorithm holds it back for a delayed acknowledgement (40 ms on Linux, 200 ms on
     * Windows) and a slow network adds a round trip, it arrives well within that; a client that
     * waits for the 1604 pays it at most three times.
     */
    public static final Duration DEFAULT_RESEND_ANSWER_WAIT = Duration.ofSeconds(2);
    /** {@code HOST:PORT} of the metrics and health HTTP endpoint (dropvault.metrics); off when absent. */
    public static final String METRICS_BIND = "metrics.bind";
    /** The port of the TLS listener (the same protocol inside TLS 1.3); off when absent, 0 picks a free one. */
    public static final String TLS_PORT = "tls.port";
    /** {@code false} switches the plain listener off (a TLS-only server); true by default. */
    public static final String PLAIN_ENABLED = "plain.enabled";
    /** The TLS certificate chain (PEM); with neither this nor the key, one is made in the data folder's tls/. */
    public static final String TLS_CERTIFICATE = "tls.certificate";
    /** The private key of {@link #TLS_CERTIFICATE} (PEM). */
    public static final String TLS_PRIVATE_KEY = "tls.private.key";
    /** Who speaks TLS: {@code auto} (Conscrypt where it loads, else the JDK's), {@code conscrypt} or {@code jdk}. */
    public static final String TLS_PROVIDER = "tls.provider";
    /**
     * {@code true} (the default) keeps an upload answered with 1603 that no 900, 901 or 902 followed before
     * the connection ended, as an unconfirmed file (docs/DIALECTS.md, "900 never sent"); {@code false} drops it.
     */
    public static final String KEEP_UNCONFIRMED = "uploads.keep.unconfirmed";
    /** Where received files are kept: {@link #DATA_FOLDER_FILES} (the default), or a provider's name ({@code s3}). */
    public static final String FILES_PROVIDER = "files.provider";
    public static final String DATA_FOLDER_FILES = "data-folder";
    /** Options of the files provider {@code P} are keys {@code files.P.NAME}, passed to it as {@code NAME}. */
    public static final String FILES_OPTION_PREFIX = "files.";

    /**
     * Every key of server.properties this build knows (besides {@link #STORE_OPTION_PREFIX} keys): the
     * start-up warning names any other. A new setting adds its key here.
     */
    public static final List<String> KEYS = java.util.stream.Stream.concat(java.util.stream.Stream.of(PORT, BIND, DATA,
            CRYPTO_PROVIDER, STORE_PROVIDER, MAX_PACKET_DATA, IDLE_TIMEOUT_SECONDS, MAX_CONNECTIONS, MAX_FILE_SIZE,
            MAX_CONCURRENT_UPLOADS, SHUTDOWN_GRACE_SECONDS, METRICS_BIND, RESEND_ANSWER, RESEND_ANSWER_WAIT_MILLIS,
            PROXY_PROTOCOL, TLS_PORT, PLAIN_ENABLED, TLS_CERTIFICATE, TLS_PRIVATE_KEY, TLS_PROVIDER, KEEP_UNCONFIRMED,
            FILES_PROVIDER),
            Safeguards.KEYS.stream()).toList();

    /** The port of PROTOCOL.md §7 when nothing else names one. */
    public static final int DEFAULT_PORT = 1256;
    /** The largest plaintext the protocol can carry (4 GiB - 17 bytes). */
    public static final long PROTOCOL_MAX_FILE_SIZE = dropvault.protocol.Protocol.MAX_FILE_SIZE;

    public ServerConfig {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException(PORT + " is not a port: " + port);
        }
        Objects.requireNonNull(bindAddress, BIND);
        Objects.requireNonNull(dataDir, DATA);
        Objects.requireNonNull(cryptoProvider, CRYPTO_PROVIDER);
        Objects.requireNonNull(storeProvider, STORE_PROVIDER);
        if (maxPacketData < dropvault.protocol.Protocol.DEFAULT_PACKET_DATA) {
            throw new IllegalArgumentException(MAX_PACKET_DATA + " must be at least 1024: " + maxPacketData);
        }
        positive(idleTimeout, IDLE_TIMEOUT_SECONDS);
        if (maxConnections < 1) {
            throw new IllegalArgumentException(MAX_CONNECTIONS + " must be at least 1: " + maxConnections);
        }
        if (maxFileSize < 0 || maxFileSize > PROTOCOL_MAX_FILE_SIZE) {
            throw new IllegalArgumentException(MAX_FILE_SIZE + " must be 0 to " + PROTOCOL_MAX_FILE_SIZE + ": "
                    + maxFileSize);
        }
        if (maxConcurrentUploads < 1) {
            throw new IllegalArgumentException(MAX_CONCURRENT_UPLOADS + " must be at least 1: "
                    + maxConcurrentUploads);
        }
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException(SHUTDOWN_GRACE_SECONDS + " must not be negative");
        }
        storeOptions = Map.copyOf(storeOptions);
        Objects.requireNonNull(resendAnswerWait, RESEND_ANSWER);
        if (resendAnswerWait.isPresent() && resendAnswerWait.get().isNegative()) {
            throw new IllegalArgumentException(RESEND_ANSWER_WAIT_MILLIS + " must not be negative");
        }
        Objects.requireNonNull(safeguards, "safeguards");
        try {
            proxyProtocol = ProxyProtocol.parse(proxyProtocol).name().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROXY_PROTOCOL + ": " + e.getMessage(), e);
        }
        Objects.requireNonNull(tlsPort, TLS_PORT);
        if (tlsPort.isPresent() && (tlsPort.getAsInt() < 0 || tlsPort.getAsInt() > 0xFFFF)) {
            throw new IllegalArgumentException(TLS_PORT + " is not a port: " + tlsPort.getAsInt());
        }
        if (!plainEnabled && tlsPort.isEmpty()) {
            throw new IllegalArgumentException(PLAIN_ENABLED + "=false needs " + TLS_PORT + ": the server would listen"
                    + " nowhere");
        }
        Objects.requireNonNull(tlsCertificate, TLS_CERTIFICATE);
        Objects.requireNonNull(tlsPrivateKey, TLS_PRIVATE_KEY);
        if (tlsCertificate.isPresent() != tlsPrivateKey.isPresent()) {
            throw new IllegalArgumentException(TLS_CERTIFICATE + " and " + TLS_PRIVATE_KEY + " go together: name both,"
                    + " or neither (a certificate is then made in the data folder)");
        }
        Objects.requireNonNull(filesProvider, FILES_PROVIDER);
        filesProvider = filesProvider.strip();
        filesOptions = Map.copyOf(Objects.requireNonNull(filesOptions, "filesOptions"));
        tlsProvider = tlsProvider.strip().toLowerCase(java.util.Locale.ROOT);
        if (!dropvault.tls.TlsProvider.SETTINGS.contains(tlsProvider)) {
            throw new IllegalArgumentException(TLS_PROVIDER + ": expected one of " + dropvault.tls.TlsProvider.SETTINGS
                    + ", not '" + tlsProvider + "'");
        }
    }

    private static void positive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive: " + d);
        }
    }

    /**
     * The defaults: port 1256 on every address, data in {@code data/}, the JDK's crypto, the MapDB
     * store, packets of up to 128 KiB, a 60 s idle timeout, 11,000 connections, files up to 1 GiB,
     * 128 uploads at once, 5 s to finish uploads on shutdown. With these limits the worst case fits
     * the 160 MiB heap that bin/dropvault-server gives the JVM (see {@code MemoryPlan}).
     */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_PORT, anyAddress(), Path.of("data"), "jdk", "mapdb", 128 * 1024,
                Duration.ofSeconds(60), 11_000, 1L << 30, 128, Duration.ofSeconds(5), Map.of(),
                Optional.of(DEFAULT_RESEND_ANSWER_WAIT), Safeguards.defaults(), "off", OptionalInt.empty(), true,
                Optional.empty(), Optional.empty(), "auto", true, DATA_FOLDER_FILES, Map.of());
    }

    /**
     * {@code base} with the keys present in {@code p} put over it.
     *
     * @throws IllegalArgumentException naming the key whose value is not valid
     */
    public static ServerConfig fromProperties(Properties p, ServerConfig base) {
        Builder b = base.toBuilder()
                .port(intValue(p, PORT, base.port))
                .cryptoProvider(p.getProperty(CRYPTO_PROVIDER, base.cryptoProvider).strip())
                .storeProvider(p.getProperty(STORE_PROVIDER, base.storeProvider).strip())
                .maxPacketData(intValue(p, MAX_PACKET_DATA, base.maxPacketData))
                .idleTimeout(Duration.ofSeconds(longValue(p, IDLE_TIMEOUT_SECONDS, base.idleTimeout.toSeconds())))
                .maxConnections(intValue(p, MAX_CONNECTIONS, base.maxConnections))
                .maxFileSize(longValue(p, MAX_FILE_SIZE, base.maxFileSize))
                .maxConcurrentUploads(intValue(p, MAX_CONCURRENT_UPLOADS, base.maxConcurrentUploads))
                .shutdownGrace(Duration.ofSeconds(longValue(p, SHUTDOWN_GRACE_SECONDS, base.shutdownGrace.toSeconds())))
                .storeOptions(storeOptions(p, base.storeOptions))
                .resendAnswerWait(resendAnswerWait(p, base.resendAnswerWait))
                .safeguards(Safeguards.fromProperties(p, base.safeguards))
                .proxyProtocol(p.getProperty(PROXY_PROTOCOL, base.proxyProtocol))
                .tlsPort(p.containsKey(TLS_PORT) ? OptionalInt.of(intValue(p, TLS_PORT, 0)) : base.tlsPort)
                .plainEnabled(booleanValue(p, PLAIN_ENABLED, base.plainEnabled))
                .tlsCertificate(p.containsKey(TLS_CERTIFICATE) ? Optional.of(path(p, TLS_CERTIFICATE)) : base.tlsCertificate)
                .tlsPrivateKey(p.containsKey(TLS_PRIVATE_KEY) ? Optional.of(path(p, TLS_PRIVATE_KEY)) : base.tlsPrivateKey)
                .tlsProvider(p.getProperty(TLS_PROVIDER, base.tlsProvider))
                .keepUnconfirmed(booleanValue(p, KEEP_UNCONFIRMED, base.keepUnconfirmed))
                .files(p.getProperty(FILES_PROVIDER, base.filesProvider).strip(),
                        filesOptions(p, p.getProperty(FILES_PROVIDER, base.filesProvider).strip(), base.filesOptions));
        if (p.containsKey(BIND)) {
            b.bindAddress(address(p.getProperty(BIND).strip()));
        }
        if (p.containsKey(DATA)) {
            try {
                b.dataDir(Path.of(p.getProperty(DATA).strip()));
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException(DATA + " is not a path: " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    /**
     * One warning naming every key of {@code p} that is not a setting (each with the known key it most
     * likely meant), or empty when all are known. Such keys are ignored.
     */
    public static Optional<String> unknownKeysWarning(Properties p) {
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeMap<>(Map.copyOf(p)).keySet().stream().map(Object::toString).toList()) {
            if (KEYS.contains(key) || key.startsWith(STORE_OPTION_PREFIX) && key.length() > STORE_OPTION_PREFIX.length()
                    || key.startsWith(FILES_OPTION_PREFIX) && key.indexOf('.', FILES_OPTION_PREFIX.length()) > 0) {
                continue;
            }
            unknown.add(key + dropvault.server.internal.ClosestKey.to(key, KEYS).map(k -> " (did you mean " + k + "?)")
                    .orElse(""));
        }
        return unknown.isEmpty() ? Optional.empty()
                : Optional.of("unknown keys in the configuration, ignored: " + String.join(", ", unknown));
    }

    private static Optional<Duration> resendAnswerWait(Properties p, Optional<Duration> base) {
        String answer = p.getProperty(RESEND_ANSWER, base.isPresent() ? "true" : "false").strip();
        if (!answer.equals("true") && !answer.equals("false")) {
            throw new IllegalArgumentException(RESEND_ANSWER + " is true or false, not '" + answer + "'");
        }
        if (answer.equals("false")) {
            return Optional.empty();
        }
        long fallback = base.orElse(DEFAULT_RESEND_ANSWER_WAIT).toMillis();
        return Optional.of(Duration.ofMillis(longValue(p, RESEND_ANSWER_WAIT_MILLIS, fallback)));
    }

    /** The {@code files.PROVIDER.*} keys of {@code provider}, without that prefix. */
    private static Map<String, String> filesOptions(Properties p, String provider, Map<String, String> base) {
        Map<String, String> options = new TreeMap<>(base);
        String prefix = FILES_OPTION_PREFIX + provider + ".";
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                options.put(key.substring(prefix.length()), p.getProperty(key).strip());
            }
        }
        return options;
    }

    private static Map<String, String> storeOptions(Properties p, Map<String, String> base) {
        Map<String, String> options = new TreeMap<>(base);
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(STORE_OPTION_PREFIX) && key.length() > STORE_OPTION_PREFIX.length()) {
                options.put(key.substring(STORE_OPTION_PREFIX.length()), p.getProperty(key).strip());
            }
        }
        return options;
    }

    private static boolean booleanValue(Properties p, String key, boolean fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " is true or false, not '" + v.strip() + "'");
        };
    }

    private static Path path(Properties p, String key) {
        try {
            return Path.of(p.getProperty(key).strip());
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(key + " is not a path: " + e.getMessage(), e);
        }
    }

    private static int intValue(Properties p, String key, int fallback) {
        return Math.toIntExact(longValue(p, key, fallback));
    }

    /** The number under {@code key}, {@code fallback} when absent; a clear error when not a number. */
    static long longValue(Properties p, String key, long fallback) {
        String v = p.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: '" + v + "'", e);
        }
    }

    /** Parses a numeric address or a host name. */
    public static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(BIND + " is not an address: '" + text + "'", e);
        }
    }

    private static InetAddress anyAddress() {
        return address("0.0.0.0");
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public ServerConfig withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    public ServerConfig withBindAddress(InetAddress address) {
        return toBuilder().bindAddress(address).build();
    }

    public ServerConfig withDataDir(Path dir) {
        return toBuilder().dataDir(dir).build();
    }

    public ServerConfig withSafeguards(Safeguards s) {
        return toBuilder().safeguards(s).build();
    }

    /** With {@code cidrs} exempt from penalties and per-source limits, for tests that flood from loopback. */
    public ServerConfig withExempt(String... cidrs) {
        return withSafeguards(safeguards.withExempt(cidrs));
    }

    public ServerConfig withMaxFileSize(long max) {
        return toBuilder().maxFileSize(max).build();
    }

    public ServerConfig withStoreProvider(String name) {
        return toBuilder().storeProvider(name).build();
    }

    /** {@code wait}: how long to wait for a resend before answering 901 with 1604; empty: never answer. */
    public ServerConfig withResendAnswerWait(Optional<Duration> wait) {
        return toBuilder().resendAnswerWait(wait).build();
    }

    public ServerConfig withLimits(int newMaxConnections, int newMaxConcurrentUploads, Duration newIdleTimeout) {
        return toBuilder().maxConnections(newMaxConnections).maxConcurrentUploads(newMaxConcurrentUploads)
                .idleTimeout(newIdleTimeout).build();
    }

    public ServerConfig withProxyProtocol(String setting) {
        return toBuilder().proxyProtocol(setting).build();
    }

    /** A configuration being made: every value starts as the one it was made from. */
    public static final class Builder {
        private int port;
        private InetAddress bindAddress;
        private Path dataDir;
        private String cryptoProvider;
        private String storeProvider;
        private int maxPacketData;
        private Duration idleTimeout;
        private int maxConnections;
        private long maxFileSize;
        private int maxConcurrentUploads;
        private Duration shutdownGrace;
        private Map<String, String> storeOptions;
        private Optional<Duration> resendAnswerWait;
        private Safeguards safeguards;
        private String proxyProtocol;
        private OptionalInt tlsPort;
        private boolean plainEnabled;
        private Optional<Path> tlsCertificate;
        private Optional<Path> tlsPrivateKey;
        private String tlsProvider;
        private boolean keepUnconfirmed;
        private String filesProvider;
        private Map<String, String> filesOptions;

        private Builder(ServerConfig c) {
            port = c.port;
            bindAddress = c.bindAddress;
            dataDir = c.dataDir;
            cryptoProvider = c.cryptoProvider;
            storeProvider = c.storeProvider;
            maxPacketData = c.maxPacketData;
            idleTimeout = c.idleTimeout;
            maxConnections = c.maxConnections;
            maxFileSize = c.maxFileSize;
            maxConcurrentUploads = c.maxConcurrentUploads;
            shutdownGrace = c.shutdownGrace;
            storeOptions = c.storeOptions;
            resendAnswerWait = c.resendAnswerWait;
            safeguards = c.safeguards;
            proxyProtocol = c.proxyProtocol;
            tlsPort = c.tlsPort;
            plainEnabled = c.plainEnabled;
            tlsCertificate = c.tlsCertificate;
            tlsPrivateKey = c.tlsPrivateKey;
            tlsProvider = c.tlsProvider;
            keepUnconfirmed = c.keepUnconfirmed;
            filesProvider = c.filesProvider;
            filesOptions = c.filesOptions;
        }

        /** @throws IllegalArgumentException naming the setting whose value is not valid */
        public ServerConfig build() {
            return new ServerConfig(port, bindAddress, dataDir, cryptoProvider, storeProvider, maxPacketData,
                    idleTimeout, maxConnections, maxFileSize, maxConcurrentUploads, shutdownGrace, storeOptions,
                    resendAnswerWait, safeguards, proxyProtocol, tlsPort, plainEnabled, tlsCertificate, tlsPrivateKey,
                    tlsProvider, keepUnconfirmed, filesProvider, filesOptions);
        }

        public Builder port(int v) {
            port = v;
            return this;
        }

        public Builder bindAddress(InetAddress v) {
            bindAddress = v;
            return this;
        }

        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        public Builder cryptoProvider(String v) {
            cryptoProvider = v;
            return this;
        }

        public Builder storeProvider(String v) {
            storeProvider = v;
            return this;
        }

        public Builder maxPacketData(int v) {
            maxPacketData = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        public Builder maxFileSize(long v) {
            maxFileSize = v;
            return this;
        }

        public Builder maxConcurrentUploads(int v) {
            maxConcurrentUploads = v;
            return this;
        }

        public Builder shutdownGrace(Duration v) {
            shutdownGrace = v;
            return this;
        }

        public Builder storeOptions(Map<String, String> v) {
            storeOptions = v;
            return this;
        }

        /** {@code v}: how long to wait for a resend before answering 901 with 1604; empty: never answer. */
        public Builder resendAnswerWait(Optional<Duration> v) {
            resendAnswerWait = v;
            return this;
        }

        public Builder safeguards(Safeguards v) {
            safeguards = v;
            return this;
        }

        public Builder proxyProtocol(String v) {
            proxyProtocol = v;
            return this;
        }

        /** The TLS listener's port (0: a free one), or empty for none. */
        public Builder tlsPort(OptionalInt v) {
            tlsPort = v;
            return this;
        }

        public Builder plainEnabled(boolean v) {
            plainEnabled = v;
            return this;
        }

        public Builder tlsCertificate(Optional<Path> v) {
            tlsCertificate = v;
            return this;
        }

        public Builder tlsPrivateKey(Optional<Path> v) {
            tlsPrivateKey = v;
            return this;
        }

        public Builder tlsProvider(String v) {
            tlsProvider = v;
            return this;
        }

        /** Where received files are kept, and that provider's options (without their {@code files.P.} prefix). */
        public Builder files(String provider, Map<String, String> options) {
            filesProvider = provider;
            filesOptions = options;
            return this;
        }

        public Builder keepUnconfirmed(boolean v) {
            keepUnconfirmed = v;
            return this;
        }
    }
}
