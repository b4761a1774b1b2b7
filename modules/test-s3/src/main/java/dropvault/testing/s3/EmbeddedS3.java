package dropvault.testing.s3;

import dropvault.testing.support.TestFolders;
import dropvault.testing.support.Unprivileged;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One S3 server for tests: S3Proxy with its file-system back end in a fresh folder, listening on a
 * free port of 127.0.0.1 only, path-style requests signed (AWS signature v2 or v4) with
 * {@link #ACCESS_KEY} and {@link #SECRET_KEY}. It runs as a process of its own, on this JVM's
 * {@code java}, as {@code nobody} (through {@code runuser}) when the JVM runs as root.
 * {@link #shared()} is one server for the whole JVM; every server this class starts is stopped and
 * its folder removed by a shutdown hook, also when tests fail.
 */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "dropvault-test";
    public static final String SECRET_KEY = "dropvault-test-secret";
    public static final String REGION = "us-east-1";
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final int PORT_ATTEMPTS = 5;
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static EmbeddedS3 shared;

    private final Path jar;
    private final Path folder;
    private final Path dataDir;
    private final boolean asRoot;
    private int port;
    private Process process;

    private EmbeddedS3(Path jar, Path folder, boolean asRoot) {
        this.jar = jar;
        this.folder = folder;
        this.dataDir = folder.resolve("data");
        this.asRoot = asRoot;
    }

    /** The JVM's one shared server, started on first use. */
    public static synchronized EmbeddedS3 shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** A server of its own, for tests that stop and start it. */
    public static EmbeddedS3 start() {
        try {
            boolean asRoot = Unprivileged.root();
            Path jar = readableJar();
            Path folder = Files.createTempDirectory("dropvault-s3-");
            EmbeddedS3 s3 = new EmbeddedS3(jar, folder, asRoot);
            TestFolders.closeAtExit(s3);
            Files.createDirectory(s3.dataDir);
            s3.giveToServer(folder);
            s3.giveToServer(s3.dataDir);
            s3.startOnFreePort();
            return s3;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy", e);
        }
    }

    public int port() {
        return port;
    }

    /** Where clients send their requests: {@code http://127.0.0.1:PORT}, buckets in the path. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Makes a new, empty bucket and returns its name. The file-system back end keeps each bucket as
     * a folder of its base folder, so a folder made there is a bucket S3 lists.
     */
    public String createBucket() {
        String name = "dropvault-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
        try {
            giveToServer(Files.createDirectory(dataDir.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bucket " + name, e);
        }
        return name;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server (its connections are cut); {@link #restart()} starts it again. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        // under runuser the server is a child process: stop it, not only runuser
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    /**
     * Starts a stopped server again, on the same port and with the same buckets and objects. What the
     * stop cut short is removed first: the file-system back end writes an object to
     * {@code NAME-<random UUID>} and renames it when it is whole, and one left by a stop is listed as
     * an object or fails the listing (500). A dropvault temporary key ({@code .upload-HOST~PID-UUID})
     * ends with a UUID of its own and stays.
     */
    public synchronized void restart() {
        if (process == null) {
            removeInterruptedWrites();
            if (!startOn(port)) {
                throw new IllegalStateException("S3Proxy did not start again on port " + port + ":\n" + log());
            }
        }
    }

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final java.util.regex.Pattern INTERRUPTED = java.util.regex.Pattern.compile(".+-" + UUID);
    private static final java.util.regex.Pattern DROPVAULT_TEMPORARY =
            java.util.regex.Pattern.compile("\\.upload-[^~/]+~[0-9]+-" + UUID);

    private void removeInterruptedWrites() {
        try (var files = Files.walk(dataDir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String name = f.getFileName().toString();
                if (INTERRUPTED.matcher(name).matches() && !DROPVAULT_TEMPORARY.matcher(name).matches()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dataDir + " of interrupted writes", e);
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

    private void startOnFreePort() {
        for (int i = 0; i < PORT_ATTEMPTS; i++) {
            if (startOn(TestFolders.freePort())) {
                return;
            }
            // another process took the port between our probe and S3Proxy's bind
        }
        throw new IllegalStateException("S3Proxy did not start in " + PORT_ATTEMPTS + " attempts:\n" + log());
    }

    /** True when the server answers on {@code candidate}; false when it exited because the port was taken. */
    private synchronized boolean startOn(int candidate) {
        try {
            Path conf = writeConfiguration(candidate);
            // a small heap and C1 only: the tests share two cores with the build
            List<String> command = Unprivileged.command(asRoot, List.of(javaExecutable(), "-Xmx256m",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--properties",
                    conf.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("s3proxy.log").toFile())).start();
            process = p;
            port = candidate;
            long deadline = System.nanoTime() + START_DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                if (answers(candidate) && p.isAlive()) {
                    return true;
                }
                if (p.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    process = null;
                    String log = log();
                    if (log.contains("BindException") || log.contains("Address already in use")) {
                        return false;
                    }
                    throw new IllegalStateException("S3Proxy exited with status " + p.exitValue() + ":\n" + log);
                }
            }
            stop();
            throw new IllegalStateException("S3Proxy did not answer within " + START_DEADLINE + ":\n" + log());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy in " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting S3Proxy", e);
        }
    }

    private Path writeConfiguration(int candidate) throws IOException {
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + candidate);
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", ACCESS_KEY);
        p.setProperty("s3proxy.credential", SECRET_KEY);
        p.setProperty("jclouds.provider", "filesystem-nio2");
        p.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        // the back end asks for credentials of its own, which a folder does not check
        p.setProperty("jclouds.identity", "local");
        p.setProperty("jclouds.credential", "local");
        Path conf = folder.resolve("s3proxy.conf");
        try (var out = Files.newOutputStream(conf)) {
            p.store(out, "written by EmbeddedS3");
        }
        giveToServer(conf);
        return conf;
    }

    /** Any HTTP answer at all (S3Proxy refuses an unsigned request with 403) means it serves. */
    private static boolean answers(int candidate) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + candidate + "/").toURL()
                    .openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            try {
                return c.getResponseCode() > 0;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private void giveToServer(Path path) throws IOException {
        Unprivileged.own(asRoot, path);
    }

    /** The last lines of the server's log, for a failure message. */
    public String log() {
        try {
            List<String> lines = Files.readAllLines(folder.resolve("s3proxy.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())) + "\n";
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")\n";
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The jar, copied once into the temporary folder, where the unprivileged user can read it (the
     * build's copy may lie under a folder only root enters), shared by every JVM of this machine.
     */
    private static Path readableJar() throws IOException {
        Properties built = new Properties();
        try (InputStream in = EmbeddedS3.class.getResourceAsStream("s3proxy.properties")) {
            if (in == null) {
                throw new IOException("s3proxy.properties missing: build dropvault-test-s3 with Maven");
            }
            built.load(in);
        }
        Path source = Path.of(built.getProperty("jar"));
        if (!Files.isRegularFile(source)) {
            throw new IOException(source + " not found: maven-dependency-plugin copies it when the module is built");
        }
        return TestFolders.filledOnce("dropvault-s3proxy-" + built.getProperty("version"), staging -> {
            Files.copy(source, staging.resolve("s3proxy.jar"));
            Files.setPosixFilePermissions(staging.resolve("s3proxy.jar"), PosixFilePermissions.fromString("rw-r--r--"));
        }).resolve("s3proxy.jar");
    }
}
