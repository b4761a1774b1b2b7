package dropvault.bench.internal;

import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.testing.server.RealServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: one whole session (connect, 825, 826, 828..., 900, close) against the real server running
 * in this JVM over 127.0.0.1, with the same session code as dropvault-bench. Not a test: run it
 * with the command in BENCHMARKS.md ("Whole session (JMH)").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WholeSessionBenchmark {
    @Param({"1024", "1048576"})
    public long size;

    private Path dataDir;
    private RealServer server;
    private BenchSettings settings;
    private CryptoSuite crypto;
    private Plaintext plaintext;
    private KeyPool keys;
    private final AtomicLong sessions = new AtomicLong();

    @Setup(Level.Trial)
    public void start() throws Exception {
        dataDir = Files.createTempDirectory("dropvault-jmh");
        server = RealServer.start(dataDir);
        settings = new BenchSettings("127.0.0.1", server.port(), 1, 1, size, 1024, dropvault.protocol.Dialect.SPEC,
                false, 0, 0, Duration.ofSeconds(60));
        crypto = CryptoSuites.jdk();
        plaintext = new Plaintext(size, LoadRun.FILE_SEED);
        keys = new KeyPool(crypto, 1);
    }

    /** Each thread drives its own sessions with its own buffers. */
    @State(Scope.Thread)
    public static class Driver {
        SessionDriver driver;

        @Setup(Level.Trial)
        public void make(WholeSessionBenchmark b) {
            driver = new SessionDriver(b.settings, b.crypto, b.plaintext, b.keys, 0);
        }
    }

    @Benchmark
    public void session(Driver d) throws SessionFailure {
        try (Connection c = Connection.open(settings.host(), settings.port(), settings.timeout())) {
            d.driver.run(c, "jmh-" + ProcessHandle.current().pid() + "-" + sessions.incrementAndGet());
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        server.close();
        try (Stream<Path> s = Files.walk(dataDir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
