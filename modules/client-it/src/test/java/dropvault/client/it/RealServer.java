package dropvault.client.it;

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
 * into a module layer of their own (the tests run on the class path, where ServiceLoader would
 * not see the plugins' {@code provides}), started on 127.0.0.1 and an ephemeral port.
 */
final class RealServer implements AutoCloseable {
    private static final List<String> ROOTS = List.of("dropvault.server", "dropvault.storage.mapdb",
            "dropvault.plugin.register", "dropvault.plugin.publickey", "dropvault.plugin.reconnect",
            "dropvault.plugin.upload", "dropvault.plugin.crc");
    /** The jars and class folders the layer is built from: ours and the server's third-party dependencies. */
    private static final List<String> MODULE_JARS = List.of("dropvault-", "mapdb-", "kotlin-stdlib-", "eclipse-collections",
            "guava-", "failureaccess-", "lz4-", "elsa-", "bcprov-", "conscrypt-",
            // the PostgreSQL store, which the launcher brings along and ServiceLoader binds too
            "postgresql-", "HikariCP-", "slf4j-");

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

    static RealServer start(Path dataDir) throws Exception {
        return start(dataDir, 1L << 30);
    }

    /** A server that refuses files larger than {@code maxFileSize} bytes. */
    static RealServer start(Path dataDir, long maxFileSize) throws Exception {
        ClassLoader loader = layer().findLoader("dropvault.server");
        Class<?> configClass = Class.forName("dropvault.server.ServerConfig", true, loader);
        Object config = configClass.getMethod("defaults").invoke(null);
        config = configClass.getMethod("withPort", int.class).invoke(config, 0);
        config = configClass.getMethod("withBindAddress", InetAddress.class).invoke(config, InetAddress.getLoopbackAddress());
        config = configClass.getMethod("withMaxFileSize", long.class).invoke(config, maxFileSize);
        config = configClass.getMethod("withDataDir", Path.class).invoke(config, dataDir);
        // these tests send many sessions (and refused ones) from loopback on purpose
        Object ready = configClass.getMethod("withExempt", String[].class).invoke(config,
                (Object) new String[] {"127.0.0.0/8"});
        Class<?> serverClass = Class.forName("dropvault.server.Server", true, loader);
        Object server = call(() -> serverClass.getMethod("start", configClass).invoke(null, ready));
        InetSocketAddress address = (InetSocketAddress) serverClass.getMethod("address").invoke(server);
        return new RealServer(server, serverClass, dataDir, address.getPort());
    }

    int port() {
        return port;
    }

    /** The stored copy of {@code fileName} of the client {@code clientIdHex}, as the data folder holds it. */
    Path storedFile(String clientIdHex, String fileName) {
        return dataDir.resolve("files").resolve(clientIdHex).resolve(fileName);
    }

    /**
     * Every regular file under the client's folder (temporary ones included), once every connection
     * the server has accepted so far has ended: a client that returned got its answers, so each of
     * its connections was accepted, and the server has cleaned up after it.
     */
    List<Path> filesOf(String clientIdHex) throws Exception {
        long accepted = (long) serverClass.getMethod("connectionsAccepted").invoke(server);
        boolean ended = (boolean) call(() -> serverClass.getMethod("awaitConnectionsEnded", long.class, Duration.class)
                .invoke(server, accepted, QUIET_DEADLINE));
        if (!ended) {
            throw new AssertionError("the server did not end its " + accepted + " connections within " + QUIET_DEADLINE);
        }
        Path folder = dataDir.resolve("files").resolve(clientIdHex);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).toList();
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
                if (entry.isBlank()) {
                    continue;
                }
                Path p = Path.of(entry);
                if (isModule(p)) {
                    found.add(p);
                }
            }
        }
        return found;
    }

    private static boolean isModule(Path p) {
        if (Files.isDirectory(p)) {
            // a reactor module's class folder, as Maven hands it over before packaging
            return Files.exists(p.resolve("module-info.class")) && p.toString().contains("dropvault");
        }
        String name = p.getFileName().toString();
        return name.endsWith(".jar") && MODULE_JARS.stream().anyMatch(name::startsWith)
                && !name.startsWith("dropvault-client-it");
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
