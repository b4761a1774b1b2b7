package dropvault.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.client.internal.cli.CliApp;
import dropvault.client.internal.cli.ClientOptions;
import dropvault.client.internal.cli.ExitStatus;
import dropvault.protocol.NameField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientCliTest {
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

    private int run(boolean terminal, String... args) {
        return new CliApp(dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal).run(args);
    }

    private int run(String... args) {
        return run(false, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void transferInfo(String file) throws IOException {
        Files.writeString(dir.resolve("transfer.info"), "127.0.0.1:" + server.port() + "\nalice\n" + file + "\n");
    }

    @Test
    void helpListsEveryOptionAndEveryExitStatusOnStdout() throws Exception {
        assertEquals(0, run("--help"));

        assertEquals("", err());
        List<String> flags = new ArrayList<>();
        for (Field f : ClientOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                flags.add((String) f.get(null));
            }
        }
        assertEquals(24, flags.size());
        for (String flag : flags) {
            assertTrue(out().contains("--" + flag), flag);
        }
        for (ExitStatus s : ExitStatus.values()) {
            assertTrue(out().replaceAll("\\s+", " ").contains(" " + s.code() + " " + s.meaning()), s::toString);
        }
    }

    @Test
    void versionGoesToStdout() {
        assertEquals(0, run("-V"));
        assertTrue(out().startsWith("dropvault-client 0.1.0"), out());
        assertEquals("", err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--chunk=17", "--chunk=0", "--chunk=x", "--timeout=0", "--timeout=-1",
            "--timeout=soon", "--dialect=other", "--server=nohost", "--server=h:70000", "--name=", "extra-argument",
            "--file=", "--first-packet=2", "--dialect=per-packet+bogus"})
    void usageErrorsGoToStderrWithExit2(String arg) {
        assertEquals(2, run(arg));
        assertEquals("", out());
        assertTrue(err().startsWith("dropvault-client: "), err());
        assertTrue(err().contains("--help"), err());
    }

    @Test
    void aNameLongerThanTheProtocolAllowsIsAUsageError() {
        assertEquals(2, run("--name", "x".repeat(NameField.MAX_LENGTH + 1)));
        assertEquals(2, run("--name", "caf\u00e9"));
    }

    @Test
    void theHelpStatesTheNameLimitTheClientHolds() {
        assertEquals(0, run("--help"));
        assertTrue(out().replaceAll("\\s+", " ").contains("at most " + NameField.MAX_LENGTH + " characters"), out());
        out.reset();
        // the longest name passes the options; without transfer.info the run then stops on the missing file
        assertEquals(3, run("--name", "x".repeat(NameField.MAX_LENGTH)));
        assertTrue(err().startsWith("Fatal: cannot read transfer.info"), err());
    }

    @Test
    void withoutTransferInfoOrOptionsItIsALocalFileError() {
        assertEquals(3, run());
        assertTrue(err().startsWith("Fatal: cannot read transfer.info"), err());
    }

    @Test
    void batchModeRegistersThenReconnectsAndExits0() throws Exception {
        Path file = Fixtures.randomFile(dir, "notes.txt", 5000, 21);
        transferInfo("notes.txt");

        assertEquals(0, run(), err());
        assertEquals("825 826 828 828 828 828 828 900", String.join(" ", server.codes()));
        assertArrayEquals(Files.readAllBytes(file), server.files.get("notes.txt"));
        assertTrue(Files.exists(dir.resolve("me.info")) && Files.exists(dir.resolve("priv.key")));
        assertTrue(out().contains("confirmed"), out());
        assertEquals("", err());

        server.log.clear();
        assertEquals(0, run("--quiet"), err());
        assertEquals("827", server.codes().getFirst());
    }

    @Test
    void optionsOverrideTransferInfo() throws Exception {
        Fixtures.randomFile(dir, "other.bin", 100, 22);
        Files.createDirectory(dir.resolve("id"));
        Files.writeString(dir.resolve("transfer.info"), "127.0.0.1:1\nbob\nmissing.txt\n");

        assertEquals(0, run("--server", "127.0.0.1:" + server.port(), "--file", "other.bin", "--dir", "id", "-q"), err());

        assertTrue(server.files.containsKey("other.bin"));
        assertEquals("bob", Files.readAllLines(dir.resolve("id/me.info")).getFirst());
        assertEquals("", out());
    }

    @Test
    void aMissingDirIsMadeOwnerOnlyBeforeTheRegistration() throws Exception {
        Fixtures.randomFile(dir, "other.bin", 100, 24);

        assertEquals(0, run("--server", "127.0.0.1:" + server.port(), "--name", "carol", "--file", "other.bin",
                "--dir", "new/id", "-q"), err());

        assertEquals("carol", Files.readAllLines(dir.resolve("new/id/me.info")).getFirst());
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("new/id"))));
        }
    }

    @Test
    void aMissingFileExits3() throws Exception {
        transferInfo("missing.txt");
        assertEquals(3, run());
        assertTrue(err().startsWith("Fatal: "), err());
    }

    @Test
    void aFolderAsTheFileSaysSoAndExits3() throws Exception {
        Files.createDirectory(dir.resolve("photos"));
        assertEquals(3, run("--server", "127.0.0.1:" + server.port(), "--name", "alice", "--file", "photos"));
        assertTrue(err().startsWith("Fatal: "), err());
        assertTrue(err().contains("photos is a folder"), err());
        assertFalse(err().contains("no such file"), err());
        assertEquals(List.of(), server.codes());
    }

    @Test
    void noServerExits4() throws Exception {
        Fixtures.randomFile(dir, "f.bin", 10, 23);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertEquals(4, run("--server", "127.0.0.1:" + port, "--name", "alice", "--file", "f.bin"));
        assertTrue(err().startsWith("Fatal: cannot connect"), err());
    }

    @Test
    void repeated1607sPrintTheOriginalsMessageThreeTimesThenFatalAndExit5() throws Exception {
        Fixtures.randomFile(dir, "f.bin", 10, 24);
        transferInfo("f.bin");
        server.behaviour.errors(825, 3);

        assertEquals(5, run("-q"));

        List<String> lines = err().lines().toList();
        assertEquals(List.of("server responded with an error", "server responded with an error",
                "server responded with an error"), lines.subList(0, 3));
        assertTrue(lines.get(3).startsWith("Fatal: "), err());
        assertEquals(4, lines.size());
    }

    @Test
    void aServerThatLiesAboutTheCrcEndsIn902AndExit6() throws Exception {
        Fixtures.randomFile(dir, "f.bin", 10, 25);
        transferInfo("f.bin");
        server.behaviour.crcLies = Integer.MAX_VALUE;

        assertEquals(6, run());

        assertEquals("902", server.codes().getLast());
        assertTrue(err().startsWith("Fatal: "), err());
        assertFalse(server.files.containsKey("f.bin"));
    }

    @Test
    void seedDialectFromTheCommandLine() throws Exception {
        server.behaviour.seed = true;
        Fixtures.randomFile(dir, "f.bin", 3000, 26);
        transferInfo("f.bin");

        assertEquals(0, run("--dialect", "seed"), err());

        assertTrue(server.violations.isEmpty(), server.violations::toString);
        assertTrue(server.log.contains("828 0/3 1024"), server.log::toString);
    }

    @Test
    void aProgressBarOnlyOnATerminalAndNeverWhenQuietOrAskedNotTo() throws Exception {
        Fixtures.randomFile(dir, "f.bin", 3000, 27);
        transferInfo("f.bin");

        assertEquals(0, run(false));
        assertFalse(err().contains("MiB/s"), err());

        assertEquals(0, run(true));
        assertTrue(err().contains("MiB/s"), err());
        assertTrue(err().contains("left"), err());

        err.reset();
        assertEquals(0, run(true, "--no-progress"));
        assertEquals("", err());
        assertEquals(0, run(true, "--quiet"));
        assertEquals("", err());
    }

    @Test
    void subcommandsTakeTheirOperandsAndOptionsAndRefuseWhatIsWrong() {
        assertEquals(0, run("--version"));
        assertTrue(out().contains("dropvault-client "), out());
        assertEquals(0, run("get", "--help"));
        assertTrue(out().contains("--force") && out().contains("--version N"), out());
        assertEquals(0, run("--help"));
        assertTrue(out().contains("Subcommands") && out().contains("restore"), out());
        String address = "127.0.0.1:" + server.port();
        assertEquals(2, run("--server", address, "get"), err());
        assertTrue(err().contains("get: missing operand"), err());
        assertEquals(2, run("--server", address, "get", "a", "b"), err());
        assertEquals(2, run("restore", "--server", address, "a"), err());
        assertTrue(err().contains("--version N"), err());
        assertEquals(2, run("get", "--server", address, "a", "--version", "0"), err());
        assertEquals(2, run("list", "--server", address, "extra"), err());
        assertEquals(2, run("send", "--server", address, "--name", "n"), err());
        assertEquals(2, run("get", "--server", address, "dir/"), err());
        assertTrue(err().contains("give -o PATH"), err());
    }

    @Test
    void listAndGetWithoutAnIdentityNeverRegister() {
        String address = "127.0.0.1:" + server.port();
        for (String[] args : new String[][] {{"--server", address, "list"}, {"get", "--server", address, "x"}}) {
            assertEquals(3, run(args), err());
        }
        assertTrue(err().contains("no ") && err().contains("me.info"), err());
        assertFalse(java.nio.file.Files.exists(dir.resolve("me.info")));
    }
}
