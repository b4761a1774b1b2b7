package dropvault.server;

import dropvault.transport.ProxyProtocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How a {@link Server} runs. Every value has a safe default; {@link #fromProperties} reads the keys
 * of {@code conf/server.properties} (the constants below) over the defaults.
 */
public record ServerConfig(int port, InetAddress bindAddress, Path dataDir, String cryptoProvider,
                           String storeProvider, int maxPacketData, Duration idleTimeout, int maxConnections,
                           long maxFileSize, int maxConcurrentUploads, Duration shutdownGrace,
                           Map<String, String> storeOptions, String proxyProtocol) {

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
        try {
            proxyProtocol = ProxyProtocol.parse(proxyProtocol).name().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROXY_PROTOCOL + ": " + e.getMessage(), e);
        }
    }

    /** A configuration with these store options and no PROXY protocol. */
    public ServerConfig(int port, InetAddress bindAddress, Path dataDir, String cryptoProvider, String storeProvider,
                        int maxPacketData, Duration idleTimeout, int maxConnections, long maxFileSize,
                        int maxConcurrentUploads, Duration shutdownGrace, Map<String, String> storeOptions) {
        this(port, bindAddress, dataDir, cryptoProvider, storeProvider, maxPacketData, idleTimeout, maxConnections,
                maxFileSize, maxConcurrentUploads, shutdownGrace, storeOptions, "off");
    }

    /** A configuration with no store options. */
    public ServerConfig(int port, InetAddress bindAddress, Path dataDir, String cryptoProvider, String storeProvider,
                        int maxPacketData, Duration idleTimeout, int maxConnections, long maxFileSize,
                        int maxConcurrentUploads, Duration shutdownGrace) {
        this(port, bindAddress, dataDir, cryptoProvider, storeProvider, maxPacketData, idleTimeout, maxConnections,
                maxFileSize, maxConcurrentUploads, shutdownGrace, Map.of());
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
                Duration.ofSeconds(60), 11_000, 1L << 30, 128, Duration.ofSeconds(5));
    }

    /**
     * {@code base} with the keys present in {@code p} put over it.
     *
     * @throws IllegalArgumentException naming the key whose value is not valid
     */
    public static ServerConfig fromProperties(Properties p, ServerConfig base) {
        try {
            return new ServerConfig(
                    intValue(p, PORT, base.port),
                    p.containsKey(BIND) ? address(p.getProperty(BIND).strip()) : base.bindAddress,
                    p.containsKey(DATA) ? Path.of(p.getProperty(DATA).strip()) : base.dataDir,
                    p.getProperty(CRYPTO_PROVIDER, base.cryptoProvider).strip(),
                    p.getProperty(STORE_PROVIDER, base.storeProvider).strip(),
                    intValue(p, MAX_PACKET_DATA, base.maxPacketData),
                    Duration.ofSeconds(longValue(p, IDLE_TIMEOUT_SECONDS, base.idleTimeout.toSeconds())),
                    intValue(p, MAX_CONNECTIONS, base.maxConnections),
                    longValue(p, MAX_FILE_SIZE, base.maxFileSize),
                    intValue(p, MAX_CONCURRENT_UPLOADS, base.maxConcurrentUploads),
                    Duration.ofSeconds(longValue(p, SHUTDOWN_GRACE_SECONDS, base.shutdownGrace.toSeconds())),
                    storeOptions(p, base.storeOptions),
                    p.getProperty(PROXY_PROTOCOL, base.proxyProtocol));
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(DATA + " is not a path: " + e.getMessage(), e);
        }
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

    private static int intValue(Properties p, String key, int fallback) {
        return Math.toIntExact(longValue(p, key, fallback));
    }

    private static long longValue(Properties p, String key, long fallback) {
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

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, bindAddress, dataDir, cryptoProvider, storeProvider, maxPacketData,
                idleTimeout, maxConnections, maxFileSize, maxConcurrentUploads, shutdownGrace, storeOptions,
                proxyProtocol);
    }

    public ServerConfig withBindAddress(InetAddress address) {
        return new ServerConfig(port, address, dataDir, cryptoProvider, storeProvider, maxPacketData,
                idleTimeout, maxConnections, maxFileSize, maxConcurrentUploads, shutdownGrace, storeOptions,
                proxyProtocol);
    }

    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(port, bindAddress, dir, cryptoProvider, storeProvider, maxPacketData,
                idleTimeout, maxConnections, maxFileSize, maxConcurrentUploads, shutdownGrace, storeOptions,
                proxyProtocol);
    }

    public ServerConfig withMaxFileSize(long max) {
        return new ServerConfig(port, bindAddress, dataDir, cryptoProvider, storeProvider, maxPacketData,
                idleTimeout, maxConnections, max, maxConcurrentUploads, shutdownGrace, storeOptions,
                proxyProtocol);
    }

    public ServerConfig withStoreProvider(String name) {
        return new ServerConfig(port, bindAddress, dataDir, cryptoProvider, name, maxPacketData,
                idleTimeout, maxConnections, maxFileSize, maxConcurrentUploads, shutdownGrace, storeOptions,
                proxyProtocol);
    }

    public ServerConfig withLimits(int newMaxConnections, int newMaxConcurrentUploads, Duration newIdleTimeout) {
        return new ServerConfig(port, bindAddress, dataDir, cryptoProvider, storeProvider, maxPacketData,
                newIdleTimeout, newMaxConnections, maxFileSize, newMaxConcurrentUploads, shutdownGrace, storeOptions,
                proxyProtocol);
    }

    public ServerConfig withProxyProtocol(String setting) {
        return new ServerConfig(port, bindAddress, dataDir, cryptoProvider, storeProvider, maxPacketData,
                idleTimeout, maxConnections, maxFileSize, maxConcurrentUploads, shutdownGrace, storeOptions, setting);
    }
}
