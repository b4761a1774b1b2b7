package dropvault.bench.internal;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The real server, in this JVM: its modules, the built-in plugins and the MapDB store resolved
 * into a module layer of their own (they are test dependencies, which Surefire puts on the class
 * path, where ServiceLoader would not see the plugins' {@code provides}), started on 127.0.0.1 and
 * an ephemeral port. (After modules/client-it's helper of the same name.)
 */
final class RealServer implements AutoCloseable {
    private static final List<String> ROOTS = List.of("dropvault.server", "dropvault.storage.mapdb",
            "dropvault.plugin.register", "dropvault.plugin.publickey", "dropvault.plugin.reconnect",
            "dropvault.plugin.upload", "dropvault.plugin.crc");
    /** The jars and class folders the layer is built from: ours and the server's third-party dependencies. */
    private static final List<String> MODULE_JARS = List.of("dropvault-", "mapdb-", "kotlin-stdlib-", "eclipse-collections",
            "guava-", "failureaccess-", "lz4-", "elsa-", "bcprov-", "conscrypt-");

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
        return start(dataDir, Long.MAX_VALUE);
    }

    /** A server that takes files of at most {@code maxFileSize} bytes (its default when larger). */
    static RealServer start(Path dataDir, long maxFileSize) throws Exception {
        ClassLoader loader = layer().findLoader("dropvault.server");
        Class<?> configClass = Class.forName("dropvault.server.ServerConfig", true, loader);
        Object config = configClass.getMethod("defaults").invoke(null);
        config = configClass.getMethod("withPort", int.class).invoke(config, 0);
        config = configClass.getMethod("withBindAddress", InetAddress.class).invoke(config, InetAddress.getLoopbackAddress());
        config = configClass.getMethod("withDataDir", Path.class).invoke(config, dataDir);
        // these tests send many sessions (and refused ones) from loopback on purpose
        config = configClass.getMethod("withExempt", String[].class).invoke(config, (Object) new String[] {"127.0.0.0/8"});
        if (maxFileSize != Long.MAX_VALUE) {
            config = configClass.getMethod("withMaxFileSize", long.class).invoke(config, maxFileSize);
        }
        Object ready = config;
        Class<?> serverClass = Class.forName("dropvault.server.Server", true, loader);
        Object server = call(() -> serverClass.getMethod("start", configClass).invoke(null, ready));
        InetSocketAddress address = (InetSocketAddress) serverClass.getMethod("address").invoke(server);
        return new RealServer(server, serverClass, dataDir, address.getPort());
    }

    int port() {
        return port;
    }

    /** Every stored file (not temporary ones) under the data folder, with the client folders it sits in. */
    List<Path> storedFiles() throws IOException {
        Path files = dataDir.resolve("files");
        if (!Files.isDirectory(files)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(files)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Override
    public void close() throws Exception {
        call(() -> serverClass.getMethod("close").invoke(server));
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
                && !name.startsWith("dropvault-bench");
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
