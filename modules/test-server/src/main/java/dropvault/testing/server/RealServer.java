package dropvault.testing.server;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The real server, in this JVM: its modules, the built-in plugins and the MapDB store resolved
 * into a module layer of their own (a suite's test dependencies may sit on the class path, where
 * ServiceLoader would not see the plugins' {@code provides}), started on 127.0.0.1 with loopback
 * exempt from the safeguards (the suites send many sessions, and refused ones, on purpose).
 */
public final class RealServer implements AutoCloseable {
    private static final List<String> ROOTS = List.of("dropvault.server", "dropvault.storage.mapdb",
            "dropvault.plugin.register", "dropvault.plugin.publickey", "dropvault.plugin.reconnect",
            "dropvault.plugin.upload", "dropvault.plugin.crc", "dropvault.plugin.list", "dropvault.plugin.get",
            "dropvault.plugin.restore");
    /** The jars the layer is built from: ours and the server's third-party dependencies. */
    private static final List<String> MODULE_JARS = List.of("dropvault-", "mapdb-", "kotlin-stdlib-", "eclipse-collections",
            "guava-", "failureaccess-", "lz4-", "elsa-", "bcprov-", "bcpkix-", "bcutil-", "conscrypt-", "jackson-core-",
            // the PostgreSQL store, which the launcher brings along and ServiceLoader binds too
            "postgresql-", "HikariCP-", "slf4j-");
    /** Ours that the server here never needs: the suites' own modules, this one, and the S3 file area. */
    private static final List<String> NOT_THE_SERVERS = List.of("dropvault-client", "dropvault-bench",
            "dropvault-check", "dropvault-test-server",
            // the S3 file area: its SDK is not here, and these suites keep files in the data folder
            "dropvault-files-s3");
    private static final Duration QUIET_DEADLINE = Duration.ofSeconds(30);

    private static ModuleLayer layer;

    private final Object server;
    private final Class<?> serverClass;
    private final Path dataDir;
    private final int port;

    private RealServer(Object server, Class<?> serverClass, Path dataDir, int port) {
        this.server = server;
        this.serverClass = serverClass;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** A server with the default limits on an ephemeral port. */
    public static RealServer start(Path dataDir) throws Exception {
        return start(dataDir, 0, 0);
    }

    /** A server that takes files of at most {@code maxFileSize} bytes. */
    public static RealServer start(Path dataDir, long maxFileSize) throws Exception {
        return start(dataDir, maxFileSize, 0);
    }

    /** On a given port: the same server again after a restart. */
    public static RealServer startOn(Path dataDir, int port) throws Exception {
        return start(dataDir, 0, port);
    }

    /**
     * A server whose only listener is TLS 1.3 on an ephemeral port, with the certificate it makes in
     * the data folder at its first start ({@link #port()} is the TLS port).
     */
    public static RealServer startTlsOnly(Path dataDir) throws Exception {
        return start(dataDir, 0, 0, true);
    }

    private static RealServer start(Path dataDir, long maxFileSize, int port) throws Exception {
        return start(dataDir, maxFileSize, port, false);
    }

    /** {@code maxFileSize} 0: the default; {@code port} 0: an ephemeral one. */
    private static RealServer start(Path dataDir, long maxFileSize, int port, boolean tlsOnly) throws Exception {
        ClassLoader loader = layer().findLoader("dropvault.server");
        Class<?> configClass = Class.forName("dropvault.server.ServerConfig", true, loader);
        Object config = configClass.getMethod("defaults").invoke(null);
        config = configClass.getMethod("withPort", int.class).invoke(config, port);
        config = configClass.getMethod("withBindAddress", InetAddress.class).invoke(config, InetAddress.getLoopbackAddress());
        if (maxFileSize > 0) {
            config = configClass.getMethod("withMaxFileSize", long.class).invoke(config, maxFileSize);
        }
        config = configClass.getMethod("withExempt", String[].class).invoke(config, (Object) new String[] {"127.0.0.0/8"});
        if (tlsOnly) {
            Object builder = configClass.getMethod("toBuilder").invoke(config);
            Class<?> builderClass = builder.getClass();
            builderClass.getMethod("tlsPort", java.util.OptionalInt.class).invoke(builder, java.util.OptionalInt.of(port));
            builderClass.getMethod("plainEnabled", boolean.class).invoke(builder, false);
            config = builderClass.getMethod("build").invoke(builder);
        }
        Object ready = configClass.getMethod("withDataDir", Path.class).invoke(config, dataDir);
        Class<?> serverClass = Class.forName("dropvault.server.Server", true, loader);
        Object server = call(() -> serverClass.getMethod("start", configClass).invoke(null, ready));
        InetSocketAddress address = (InetSocketAddress) serverClass.getMethod("address").invoke(server);
        return new RealServer(server, serverClass, dataDir, address.getPort());
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The stored copy of {@code fileName} of the client {@code clientIdHex}, as the data folder holds it. */
    public Path storedFile(String clientIdHex, String fileName) {
        return dataDir.resolve("files").resolve(clientIdHex).resolve(fileName);
    }

    /**
     * Waits until every connection the server has accepted so far has ended: a client that returned
     * got its answers, so each of its connections was accepted, and the server has cleaned up after it.
     */
    public void awaitConnectionsEnded() throws Exception {
        long accepted = (long) serverClass.getMethod("connectionsAccepted").invoke(server);
        boolean ended = (boolean) call(() -> serverClass.getMethod("awaitConnectionsEnded", long.class, Duration.class)
                .invoke(server, accepted, QUIET_DEADLINE));
        if (!ended) {
            throw new AssertionError("the server did not end its " + accepted + " connections within " + QUIET_DEADLINE);
        }
    }

    /** Every regular file in the client's folder (temporary ones included), once the connections ended. */
    public List<Path> filesOf(String clientIdHex) throws Exception {
        awaitConnectionsEnded();
        Path folder = dataDir.resolve("files").resolve(clientIdHex);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    /** Every regular file under the data folder's {@code files/} whose name does not start with a dot, once the connections ended. */
    public List<Path> storedFiles() throws Exception {
        awaitConnectionsEnded();
        Path files = dataDir.resolve("files");
        if (!Files.isDirectory(files)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(files)) {
            return all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            call(() -> serverClass.getMethod("close").invoke(server));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the server stopped", e);
        } catch (Exception e) {
            throw new IOException("the server did not stop cleanly", e);
        }
    }

    private static synchronized ModuleLayer layer() {
        if (layer == null) {
            ModuleFinder jars = ModuleFinder.of(moduleLocations().toArray(Path[]::new));
            Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(ModuleFinder.of(), jars, ROOTS);
            layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        }
        return layer;
    }

    private static Set<Path> moduleLocations() {
        Set<Path> found = new LinkedHashSet<>();
        for (String property : List.of("java.class.path", "surefire.test.class.path", "jdk.module.path")) {
            String value = System.getProperty(property);
            if (value == null) {
                continue;
            }
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank() && isModule(Path.of(entry))) {
                    found.add(Path.of(entry));
                }
            }
        }
        return found;
    }

    private static boolean isModule(Path p) {
        if (Files.isDirectory(p)) {
            // a reactor module's class folder, as Maven hands it over before packaging
            return Files.exists(p.resolve("module-info.class")) && p.toString().contains("dropvault")
                    && NOT_THE_SERVERS.stream().noneMatch(p.toString()::contains);
        }
        String name = p.getFileName().toString();
        return name.endsWith(".jar") && MODULE_JARS.stream().anyMatch(name::startsWith)
                && NOT_THE_SERVERS.stream().noneMatch(name::startsWith);
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws ReflectiveOperationException;
    }

    private static Object call(Call c) throws Exception {
        try {
            return c.run();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
