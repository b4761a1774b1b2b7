package dropvault.hostile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code bin/dropvault-server} as a child process on 127.0.0.1, an ephemeral port, a
 * data folder and a config file of the test's choosing. Output goes to files, so a chatty server
 * never blocks on a full pipe.
 */
final class ServerProcess implements AutoCloseable {
    static final Path DIST = Path.of(System.getProperty("dropvault.dist", "../../launcher/target/dropvault"));
    private static final Pattern LISTENING = Pattern.compile("dropvault listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern LISTENING_TLS = Pattern.compile("dropvault listening on 127\\.0\\.0\\.1:(\\d+) \\(tls\\)");
    private static final Duration START = Duration.ofSeconds(90);

    private final Process process;
    private final Path stderr;
    private final InetSocketAddress address;
    private final InetSocketAddress tlsAddress;

    private ServerProcess(Process process, Path stderr, InetSocketAddress address, InetSocketAddress tlsAddress) {
        this.process = process;
        this.stderr = stderr;
        this.address = address;
        this.tlsAddress = tlsAddress;
    }

    /** How to start a server: its data folder, its properties, and an optional file size limit. */
    static final class Options {
        final Path work;
        final Path data;
        final Properties config = new Properties();
        String javaOptions = "-Xmx256m";
        long fileSizeLimitKib;
        String umask;

        Options(Path work, Path data) {
            this.work = work;
            this.data = data;
            config.setProperty("bind", "127.0.0.1");
            // these tests misbehave from loopback on purpose; AttackIT removes it to test the defaults
            config.setProperty("limits.exempt", "127.0.0.0/8");
        }

        /** Loopback not exempt: the defaults an attacker from this machine meets. */
        Options withDefaultLimits() {
            config.remove("limits.exempt");
            return this;
        }

        /** /metrics on a free port of 127.0.0.1 ({@link #metric}). */
        Options withMetrics() {
            return set("metrics.bind", "127.0.0.1:0");
        }

        Options set(String key, Object value) {
            config.setProperty(key, String.valueOf(value));
            return this;
        }

        /** The server's umask ({@code umask 022}: what a service usually gets), instead of this JVM's. */
        Options umask(String mask) {
            this.umask = mask;
            return this;
        }

        /** RLIMIT_FSIZE for the server ({@code ulimit -f}): writes past it fail with EFBIG, a real disk error. */
        Options fileSizeLimitKib(long kib) {
            this.fileSizeLimitKib = kib;
            return this;
        }
    }

    private static int starts;

    static synchronized ServerProcess start(Options o) throws IOException, InterruptedException {
        int n = ++starts;
        Path conf = o.work.resolve("server-" + n + ".properties");
        try (var out = Files.newOutputStream(conf)) {
            o.config.store(out, null);
        }
        Path stdout = o.work.resolve("server-" + n + ".out");
        Path stderr = o.work.resolve("server-" + n + ".err");
        String bin = DIST.resolve("bin/dropvault-server").toAbsolutePath().toString();
        List<String> command = new ArrayList<>();
        if (o.fileSizeLimitKib > 0 || o.umask != null) {
            String limits = (o.fileSizeLimitKib > 0 ? "ulimit -f " + o.fileSizeLimitKib + " && " : "")
                    + (o.umask != null ? "umask " + o.umask + " && " : "");
            // 'exec' keeps the pid: the test kills and measures the server itself, not a shell
            command.addAll(List.of("/bin/bash", "-c", limits + "exec \"$0\" \"$@\"", bin));
        } else {
            command.add(bin);
        }
        command.addAll(List.of("--port", "0", "--config", conf.toString(), "--data", o.data.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(o.work.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("DROPVAULT_JAVA_OPTS", o.javaOptions);
        Process p = pb.start();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            String out = Files.readString(stdout, StandardCharsets.UTF_8);
            Matcher m = LISTENING.matcher(out);
            Matcher tls = LISTENING_TLS.matcher(out);
            boolean tlsAsked = o.config.containsKey("tls.port");
            if (m.find() && (!tlsAsked || tls.find())) {
                return new ServerProcess(p, stderr, new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1))),
                        tlsAsked ? new InetSocketAddress("127.0.0.1", Integer.parseInt(tls.group(1))) : null);
            }
            if (!p.isAlive()) {
                throw new IOException("the server exited with " + p.exitValue() + ": " + Files.readString(stderr));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IOException("the server did not start in " + START + ": " + Files.readString(stderr));
    }

    InetSocketAddress address() {
        return address;
    }

    /** The TLS listener's address (started with {@code tls.port} set). */
    InetSocketAddress tlsAddress() {
        if (tlsAddress == null) {
            throw new IllegalStateException("no TLS listener: set tls.port");
        }
        return tlsAddress;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True when the process ends within {@code seconds} (at once when it has ended). */
    boolean exitsWithin(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A value of the server's /metrics now (started {@link Options#withMetrics}): the sample named
     * {@code sample}, labels and all (such as {@code dropvault_responses_total{code="1607"}}); 0 when absent.
     */
    double metric(String sample) throws IOException {
        Matcher url = Pattern.compile("metrics and health on (http://\\S+/metrics)").matcher(log());
        if (!url.find()) {
            throw new IOException("no metrics endpoint in the log (Options.withMetrics?)");
        }
        String scrape;
        try (var in = java.net.URI.create(url.group(1)).toURL().openStream()) {
            scrape = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : scrape.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).strip());
            }
        }
        return 0;
    }

    String log() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Resident memory of the server in KiB, from /proc (VmRSS). */
    long residentKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS for " + pid());
    }

    /** SIGTERM, then waits for the clean exit the launcher promises (status 0). */
    int stop() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("the server did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
