package dropvault.server.testkit;

import dropvault.protocol.ClientId;
import dropvault.server.Server;
import dropvault.server.ServerConfig;
import dropvault.storage.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A real server (the plugins and the MapDB store through ServiceLoader) on 127.0.0.1, ephemeral port. */
public final class TestServer implements AutoCloseable {
    private static final Duration QUIET_DEADLINE = Duration.ofSeconds(30);

    private final Path dataDir;
    private final Server server;
    private final AtomicLong opened = new AtomicLong();

    private TestServer(Path dataDir, Server server) {
        this.dataDir = dataDir;
        this.server = server;
    }

    /**
     * Loopback is exempt from penalties and per-source limits: these tests misbehave from it on purpose,
     * one after another. Tests of the penalties themselves start with {@link #config(Path, boolean)}.
     */
    public static ServerConfig config(Path dataDir) {
        return config(dataDir, true);
    }

    public static ServerConfig config(Path dataDir, boolean loopbackExempt) {
        ServerConfig c = ServerConfig.defaults().withBindAddress(InetAddress.getLoopbackAddress()).withPort(0)
                .withDataDir(dataDir).withLimits(256, 128, Duration.ofSeconds(30));
        return loopbackExempt ? c.withExempt("127.0.0.0/8") : c;
    }

    public static TestServer start(Path dataDir) throws Exception {
        return start(dataDir, c -> c);
    }

    public static TestServer start(Path dataDir, UnaryOperator<ServerConfig> tweak) throws Exception {
        return new TestServer(dataDir, Server.start(tweak.apply(config(dataDir))));
    }

    /** A server of {@code config}, assembled by {@code assemble} (a clock for penalties, a source of free space...). */
    public static TestServer start(Path dataDir, ServerConfig config, UnaryOperator<Server.Builder> assemble)
            throws Exception {
        return new TestServer(dataDir, assemble.apply(Server.builder(config)).start());
    }

    public Server server() {
        return server;
    }

    /** What the penalties, limits and shares of the server are doing. */
    public dropvault.server.SafeguardFigures figures() {
        return server.safeguards();
    }

    /** A server on a store the test opened and keeps (so it can look into it while the server runs). */
    public static TestServer start(Path dataDir, Store store, java.time.Clock clock) throws Exception {
        return new TestServer(dataDir, Server.builder(config(dataDir)).store(store).clock(clock).start());
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** A connection to the server, counted so that {@link #awaitConnectionsEnded} can wait for its end. */
    public TestClient connect() throws IOException {
        TestClient c = new TestClient(address());
        opened.incrementAndGet();
        return c;
    }

    /**
     * Waits until the server has ended every connection {@link #connect} opened, cleaning up after
     * each: call it, once the test closed its connections, before looking at what the server left.
     */
    public void awaitConnectionsEnded() throws InterruptedException {
        long count = opened.get();
        if (!server.awaitConnectionsEnded(count, QUIET_DEADLINE)) {
            throw new AssertionError("the server ended " + server.connectionsEnded() + " of the " + count
                    + " connections the test opened within " + QUIET_DEADLINE);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path clientFolder(ClientId id) {
        return dataDir.resolve("files").resolve(id.hex());
    }

    /** Temporary upload files left once every connection the test opened has ended. */
    public List<Path> temporaryFilesLeft() throws InterruptedException {
        awaitConnectionsEnded();
        return temporaryFiles();
    }

    /** Temporary upload files anywhere under the data folder now, connections still open or not. */
    public List<Path> temporaryFiles() {
        while (true) {
            try (Stream<Path> s = Files.walk(dataDir)) {
                return s.filter(p -> p.getFileName().toString().startsWith(".upload-")).toList();
            } catch (UncheckedIOException e) {
                // the server deleted a file while the walk passed it: look again
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public void stop() throws Exception {
        server.stop(Duration.ofSeconds(5));
    }

    @Override
    public void close() throws dropvault.storage.StoreException {
        server.close();
    }
}
