package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.client.UploadClient;
import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.protocol.Dialect;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our client, served by the client mode's server in every scenario, passes as a client. */
class OurClientPassesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Report serve(Scenario scenario, int runs, Duration delay, ThrowingUpload... uploads) throws Exception {
        ProbeSettings s = ProbeSettings.of(0, runs, scenario).withTimeout(TIMEOUT).withDelay(delay);
        try (ClientProbe probe = ClientProbe.open(s); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Report> report = pool.submit(probe::serve);
            for (ThrowingUpload u : uploads) {
                u.run(probe.port());
            }
            return report.get(2, TimeUnit.MINUTES);
        }
    }

    @FunctionalInterface
    interface ThrowingUpload {
        void run(int port) throws Exception;
    }

    private ThrowingUpload upload(String name, int size) {
        return port -> client(port, name, size).upload();
    }

    private UploadClientBuilder client(int port, String name, int size) throws Exception {
        Path file = dir.resolve(name + ".bin");
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Files.write(file, content);
        Path clientDir = Files.createDirectories(dir.resolve(name));
        return new UploadClientBuilder(UploadConfig.of("127.0.0.1", port, name, file, clientDir).withTimeout(TIMEOUT));
    }

    /** Our client with the spec dialect, or one of its dialect options. */
    record UploadClientBuilder(UploadConfig config) {
        UploadClientBuilder withDialect(Dialect d) {
            return new UploadClientBuilder(config.withDialect(d));
        }

        void upload() throws UploadException {
            new UploadClient(config).upload();
        }
    }

    private static String table(Report r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReportWriter.table(r, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    private static void allPass(Report r) {
        List<CheckResult> notPassed = r.checks().stream().filter(c -> c.status() != Status.PASS).toList();
        assertEquals(List.of(), notPassed, table(r));
    }

    private static CheckResult check(Report r, String name) {
        return r.checks().stream().filter(c -> c.id().endsWith("-" + name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in\n" + table(r)));
    }

    @Test
    void normal() throws Exception {
        Report r = serve(Scenario.NORMAL, 1, Duration.ZERO, upload("alice", 5000));
        allPass(r);
        assertEquals(Dialect.SPEC, r.dialect().dialect(), table(r));
        assertEquals(1024, r.dialect().chunk());
    }

    @Test
    void aLargeFileWrittenAMessageAWriteShowsNoSplit() throws Exception {
        Report r = serve(Scenario.NORMAL, 1, Duration.ZERO, upload("large", 4 << 20));
        allPass(r);
        assertTrue(check(r, "writes").evidence().equals("every message arrived in one piece"), table(r));
    }

    @Test
    void badCrcEndsInThreeResendsAndAbandon() throws Exception {
        Report r = serve(Scenario.BAD_CRC, 1, Duration.ZERO, port -> assertThrows(UploadException.class,
                () -> client(port, "bob", 3000).upload()));
        allPass(r);
        assertTrue(check(r, "bad-crc").evidence().contains("901, 901, 901, 902"), table(r));
    }

    @Test
    void errorAnswersAreRetried() throws Exception {
        Report r = serve(Scenario.ERROR, 1, Duration.ZERO, upload("carol", 2000));
        allPass(r);
        assertTrue(check(r, "after-1607").evidence().contains("sent the same 825"), table(r));
    }

    @Test
    void forgottenClientRegistersAgain() throws Exception {
        ThrowingUpload twice = port -> {
            client(port, "dave", 1500).upload();
            client(port, "dave", 1500).upload();
        };
        Report r = serve(Scenario.FORGET, 2, Duration.ZERO, twice);
        allPass(r);
        assertTrue(check(r, "after-1606").evidence().startsWith("after 1606 the client sent 82"), table(r));
    }

    /** The client's own dialect options: each is reported as exactly that dialect. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("dialects")
    void everyDialectOfTheClientIsReportedAsItIs(Dialect d) throws Exception {
        String name = "dialect-" + d.name();
        Report r = serve(Scenario.NORMAL, 1, Duration.ZERO, port -> client(port, name, 20_000).withDialect(d).upload());
        assertEquals(d.features(), r.dialect().dialect().features(), table(r));
        assertTrue(r.passed(), table(r));
    }

    static List<Dialect> dialects() {
        return Dialect.NAMED;
    }

    @Test
    void slowAnswersAreWaitedFor() throws Exception {
        Report r = serve(Scenario.SLOW, 1, Duration.ofMillis(300), upload("erin", 1200));
        allPass(r);
    }
}
