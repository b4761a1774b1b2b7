package dropvault.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.client.internal.cli.CliApp;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.Dialect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers of PROTOCOL.md §8 that send zlib's CRC-32 in 1603, or crash on what they do not expect
 * and go silent without closing. The silence is signalled by the stand-in (it counts the
 * connections it fell silent on), never measured on a clock: the waits it costs are counted.
 */
class SilentAndCrc32ServersTest {
    @TempDir
    Path dir;
    FakeServer server;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private int run(String... args) {
        return new CliApp(dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args);
    }

    private byte[] file(int size) throws IOException {
        byte[] plain = Files.readAllBytes(Fixtures.randomFile(dir, "f.bin", size, size));
        Files.writeString(dir.resolve("transfer.info"), "127.0.0.1:" + server.port() + "\nalice\nf.bin\n");
        return plain;
    }

    @Test
    void aCrc32In1603ConfirmsTheFileSaysSoAndIsRemembered() throws Exception {
        server.behaviour.crc32In1603 = true;
        byte[] plain = file(5000);

        assertEquals(0, run(), err.toString(StandardCharsets.UTF_8));

        assertArrayEquals(plain, server.files.get("f.bin"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("this server uses zlib's CRC-32"), err::toString);
        assertEquals(List.of("825", "826", "828", "900"), server.codes().stream().distinct().toList(),
                "confirmed at once, no 901");
        assertEquals("127.0.0.1:" + server.port() + " spec crc-32\n", Files.readString(dir.resolve("dialects.info")));

        err.reset();
        server.files.clear();
        assertEquals(0, run(), err.toString(StandardCharsets.UTF_8));
        assertArrayEquals(plain, server.files.get("f.bin"));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("CRC-32"), "remembered: said on stdout only");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("this server uses zlib's CRC-32"));
    }

    @Test
    void aCrc32IsTakenPerPacketToo() throws Exception {
        server.behaviour.crc32In1603 = true;
        server.behaviour.perPacketSwapped = true;
        byte[] plain = file(3000);

        assertEquals(0, run("--dialect", "per-packet"), err.toString(StandardCharsets.UTF_8));

        assertArrayEquals(plain, server.files.get("f.bin"));
        assertFalse(server.codes().contains("901"), server.codes()::toString);
    }

    @Test
    void aWrongSumIsNeitherCksumNorCrc32() throws Exception {
        server.behaviour.crcLies = 10;
        file(3000);

        assertEquals(6, run("--dialect", "spec"), err.toString(StandardCharsets.UTF_8));
        assertTrue(server.files.isEmpty());
    }

    @Test
    void a1606WithTextMeansRegisterAgain() throws Exception {
        byte[] plain = file(2000);
        assertEquals(0, run("--dialect", "spec"), err.toString(StandardCharsets.UTF_8));
        server.files.clear();
        server.behaviour.refuseReconnect = true;
        server.behaviour.textRefusals = true;

        assertEquals(0, run("--dialect", "spec"), err.toString(StandardCharsets.UTF_8));

        assertArrayEquals(plain, server.files.get("f.bin"));
        assertTrue(String.join(",", server.codes()).contains("827,825,826"), server.codes()::toString);
    }

    @Test
    void a1601WithTextIsARefusedName() throws Exception {
        file(2000);
        assertEquals(0, run("--dialect", "spec"), err.toString(StandardCharsets.UTF_8));
        server.behaviour.textRefusals = true;
        err.reset();

        assertEquals(5, run("--dialect", "spec", "--dir", "other"), err.toString(StandardCharsets.UTF_8));

        assertTrue(err.toString(StandardCharsets.UTF_8).contains("registration refused (1601)"), err::toString);
        assertEquals(1, server.codes().stream().filter("825"::equals).count() - 1, "one 825 of the second run, not three");
    }

    @Test
    void aSinglePacketServerIsFoundLastAndGetsTheWholeFileInOne828() throws Exception {
        server.behaviour.singlePacketOnly = true;
        byte[] plain = file(200_000);

        assertEquals(0, run(), err.toString(StandardCharsets.UTF_8));

        assertArrayEquals(plain, server.files.get("f.bin"));
        assertTrue(server.log.contains("828 1/1 200016"), server.log::toString);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("dialect single-packet works"), err::toString);
        assertEquals("127.0.0.1:" + server.port() + " single-packet\n", Files.readString(dir.resolve("dialects.info")));

        server.log.clear();
        server.files.clear();
        assertEquals(0, run(), err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("827", "828 1/1 200016", "900"), server.log, "remembered: one 828 at once");
    }

    @Test
    void aSilentSinglePacketServerIsReachedWithinTheBound() throws Exception {
        server.behaviour.singlePacketOnly = true;
        server.behaviour.silentRefusal = true;
        Lines lines = new Lines();
        Files.createDirectories(dir.resolve("c"));

        UploadResult r = new UploadClient(config(signalled()), CryptoSuites.jdk(), lines).upload();

        assertEquals(3000, r.originalSize());
        assertEquals(Dialect.NAMED.size(), server.silences.get(), "every named dialect met silence");
        assertTrue(server.silences.get() * AnswerWait.DEFAULT.allowedMillis(3008)
                <= AnswerWait.DEFAULT.searchMillis(3008), "within the bound of a search");
        assertEquals(Dialect.NAMED.size() + 1, lines.dialect.size(), "one line a try: " + lines.dialect);
        assertTrue(lines.dialect.getLast().startsWith("dialect single-packet works"), lines.dialect::toString);
    }

    @Test
    void singlePacketCanBeAskedFor() throws Exception {
        server.behaviour.singlePacketOnly = true;
        byte[] plain = file(5000);

        assertEquals(0, run("--dialect", "single-packet"), err.toString(StandardCharsets.UTF_8));

        assertArrayEquals(plain, server.files.get("f.bin"));
        assertEquals(List.of("825", "826", "828 1/1 5008", "900"), server.log);
    }

    @Test
    void eachTryOfASearchIsOneLineOnStderr() throws Exception {
        server.behaviour.needsPadded = true;
        file(3000);

        assertEquals(0, run(), err.toString(StandardCharsets.UTF_8));

        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("the server did not take the file in dialect spec")
                && lines.get(0).endsWith("trying seed"), lines::toString);
        assertTrue(lines.get(1).contains("in dialect seed") && lines.get(1).endsWith("trying padded"), lines::toString);
        assertTrue(lines.get(2).startsWith("dialect padded works"), lines::toString);
    }

    /** A listener that keeps every line said about the dialect. */
    static final class Lines implements UploadListener {
        final List<String> dialect = new CopyOnWriteArrayList<>();

        @Override
        public void dialect(String message) {
            dialect.add(message);
        }
    }

    /** Silence is the answer once the stand-in has fallen silent on one more connection than was judged. */
    private AnswerWait signalled() {
        AtomicInteger judged = new AtomicInteger();
        return AnswerWait.DEFAULT.withSignal((waited, allowed) -> {
            if (server.silences.get() > judged.get()) {
                judged.incrementAndGet();
                return true;
            }
            return false;
        });
    }

    private UploadConfig config(AnswerWait wait) throws IOException {
        file(3000);
        return UploadConfig.of("127.0.0.1", server.port(), "alice", dir.resolve("f.bin"), dir.resolve("c"))
                .withFoundDialect().withTimeout(Duration.ofMinutes(10)).withAnswerWait(wait);
    }

    @Test
    void silentTriesCostOneWaitEachAndTheSearchGoesOn() throws Exception {
        server.behaviour.needsPadded = true;
        server.behaviour.silentRefusal = true;
        Lines lines = new Lines();
        Files.createDirectories(dir.resolve("c"));

        UploadResult r = new UploadClient(config(signalled()), CryptoSuites.jdk(), lines).upload();

        assertEquals(3000, r.originalSize());
        assertEquals(2, server.silences.get(), "spec and seed met silence");
        assertEquals(3, lines.dialect.size(), lines.dialect::toString);
        assertTrue(lines.dialect.get(0).contains("in dialect spec") && lines.dialect.get(0).contains("answered nothing"),
                lines.dialect::toString);
        assertTrue(lines.dialect.get(1).contains("in dialect seed"), lines.dialect::toString);
        assertTrue(lines.dialect.get(2).startsWith("dialect padded works"), lines.dialect::toString);
    }

    @Test
    void aServerSilentToEveryDialectEndsTheSearchAtItsBound() throws Exception {
        server.behaviour.silentOnEveryPacket = true;
        Lines lines = new Lines();
        Files.createDirectories(dir.resolve("c"));
        AnswerWait wait = new AnswerWait(Duration.ofSeconds(2), Duration.ofSeconds(7), 25_000_000L,
                signalled().signal());
        long allowed = wait.allowedMillis(3008);

        UploadException e = assertThrows(UploadException.class,
                () -> new UploadClient(config(wait), CryptoSuites.jdk(), lines).upload());

        assertEquals(UploadException.Failure.CONNECTION, e.failure());
        int tries = server.silences.get();
        assertEquals(3, tries, "three waits of " + allowed + " ms fit in 7 s, a fourth does not");
        assertTrue(tries * allowed <= wait.searchMillis(3008));
        assertTrue(e.getMessage().contains("bound of a dialect search"), e::getMessage);
        assertEquals(tries, lines.dialect.size(), "one line a try: " + lines.dialect);
    }

    @Test
    void theDefaultBoundIsAboutTwentySecondsForASmallFileAndGrowsWithTheFile() {
        AnswerWait w = AnswerWait.DEFAULT;
        assertEquals(2000, w.allowedMillis(5008));
        assertEquals(20_000, w.searchMillis(5008));
        assertTrue(w.allowedMillis(1L << 30) > 40_000 && w.allowedMillis(1L << 30) < w.searchMillis(1L << 30));
    }
}
