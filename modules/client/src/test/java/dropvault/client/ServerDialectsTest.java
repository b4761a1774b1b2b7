package dropvault.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.client.internal.cli.CliApp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every server behaviour of PROTOCOL.md §8 as a test double, and the client with its default options
 * ({@code --dialect auto}) completing an upload against each, confirming only a matching cksum.
 */
class ServerDialectsTest {
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

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private byte[] file(int size) throws IOException {
        byte[] plain = Files.readAllBytes(Fixtures.randomFile(dir, "f.bin", size, size));
        Files.writeString(dir.resolve("transfer.info"), "127.0.0.1:" + server.port() + "\nalice\nf.bin\n");
        return plain;
    }

    static Stream<Arguments> servers() {
        return Stream.of(
                Arguments.of("reads each payload with one recv", (Consumer<FakeServer.Behaviour>) b -> b.oneRecv = true,
                        "spec"),
                Arguments.of("needs 1291-byte payloads from 1", (Consumer<FakeServer.Behaviour>) b -> b.needsPadded = true,
                        "padded"),
                Arguments.of("decrypts each packet alone, fields swapped",
                        (Consumer<FakeServer.Behaviour>) b -> b.perPacketSwapped = true, "per-packet"),
                Arguments.of("answers 901 with 1604 (and lies once)", (Consumer<FakeServer.Behaviour>) b -> {
                    b.thanksFor901 = true;
                    b.crcLies = 1;
                }, "spec"),
                Arguments.of("plaintext size in 1603", (Consumer<FakeServer.Behaviour>) b -> b.plaintextSizeIn1603 = true,
                        "spec"),
                Arguments.of("unpadded name in 1603", (Consumer<FakeServer.Behaviour>) b -> b.unpaddedNameIn1603 = true,
                        "spec"),
                Arguments.of("empty 1604", (Consumer<FakeServer.Behaviour>) b -> b.emptyThanks = true, "spec"),
                Arguments.of("the seed implementation", (Consumer<FakeServer.Behaviour>) b -> b.seed = true, "seed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theClientWithDefaultOptionsCompletes(String what, Consumer<FakeServer.Behaviour> behaviour, String works)
            throws Exception {
        behaviour.accept(server.behaviour);
        byte[] plain = file(5000);

        assertEquals(0, run(), err());

        assertArrayEquals(plain, server.files.get("f.bin"), what);
        String found = "dialect " + works + " works with 127.0.0.1:" + server.port();
        assertTrue(works.equals("spec") ? out.toString(StandardCharsets.UTF_8).contains(found) : err().contains(found),
                err());
        assertEquals("127.0.0.1:" + server.port() + " " + works + "\n",
                Files.readString(dir.resolve("dialects.info")));
    }

    @Test
    void theNextRunStartsWithTheDialectThatWorked() throws Exception {
        server.behaviour.perPacketSwapped = true;
        file(5000);
        assertEquals(0, run(), err());
        int refused = (int) server.codes().stream().filter("828"::equals).count();
        server.log.clear();
        err.reset();

        assertEquals(0, run(), err());

        assertTrue(refused > 5, "the first run tried other dialects first: " + refused);
        assertEquals("828 1/5 1040", server.log.get(1), server.log::toString);
        assertTrue(server.violations.isEmpty(), server.violations::toString);
    }

    @Test
    void aServerThatFallsSilentIsLeftAfterTheTimeout() throws Exception {
        server.behaviour.needsPadded = true;
        server.behaviour.silentRefusal = true;
        byte[] plain = file(3000);

        assertEquals(0, run("--timeout", "1"), err());

        assertArrayEquals(plain, server.files.get("f.bin"));
        assertTrue(err().contains("dialect padded works"), err());
    }

    @Test
    void specIsStrict() throws Exception {
        server.behaviour.needsPadded = true;
        file(3000);

        assertEquals(5, run("--dialect", "spec"), err());

        assertTrue(server.log.stream().noneMatch(e -> e.startsWith("828 0/")), server.log::toString);
        assertTrue(server.log.stream().filter(e -> e.startsWith("828 1/")).count() <= 3, server.log::toString);
        assertTrue(server.files.isEmpty());
    }

    @Test
    void anEmpty1606MeansRegisterAgain() throws Exception {
        byte[] plain = file(2000);
        assertEquals(0, run("--dialect", "spec"), err());
        server.files.clear();
        server.behaviour.refuseReconnect = true;
        server.behaviour.emptyRefusal = true;

        assertEquals(0, run("--dialect", "spec"), err());

        assertArrayEquals(plain, server.files.get("f.bin"));
        assertTrue(String.join(",", server.codes()).contains("827,825,826"), server.codes()::toString);
    }
}
