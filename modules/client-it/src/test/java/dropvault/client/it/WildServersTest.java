package dropvault.client.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's bin/dropvault-client against a stand-in for each server of PROTOCOL.md §8's newer rows. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WildServersTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run client(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("dropvault.distribution"))
                .resolve("bin/dropvault-client").toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("client.out");
        Path err = dir.resolve("client.err");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the client did not finish: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private byte[] file(WildServer server, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        Files.write(dir.resolve("f.bin"), b);
        Files.writeString(dir.resolve("transfer.info"), "127.0.0.1:" + server.port() + "\nwild\nf.bin\n");
        return b;
    }

    @Test
    void aCrc32ServerConfirmsAtOnce() throws Exception {
        try (WildServer server = new WildServer(WildServer.Row.CRC32)) {
            byte[] plain = file(server, 700_000);

            Run r = client();

            assertEquals(0, r.exit(), r::toString);
            assertArrayEquals(plain, server.files.get("f.bin"));
            assertTrue(r.err().contains("this server uses zlib's CRC-32"), r::toString);
            assertTrue(server.log.stream().noneMatch(e -> e.startsWith("901")), server.log::toString);
            assertTrue(Files.readString(dir.resolve("dialects.info")).contains(" spec crc-32"));
        }
    }

    @Test
    void aSinglePacketServerGetsTheWholeFileInOne828() throws Exception {
        try (WildServer server = new WildServer(WildServer.Row.SINGLE_PACKET)) {
            byte[] plain = file(server, 3_000_000);

            Run r = client();

            assertEquals(0, r.exit(), r::toString);
            assertArrayEquals(plain, server.files.get("f.bin"));
            assertTrue(server.log.contains("828 1/1 3000016"), server.log::toString);
            assertTrue(r.err().contains("dialect single-packet works"), r::toString);
        }
    }

    @Test
    void aServerSilentOn902CostsOneTimeoutAndEndsInTheMismatchStatus() throws Exception {
        try (WildServer server = new WildServer(WildServer.Row.SILENT_ON_902)) {
            file(server, 5000);

            Run r = client("--dialect", "spec", "--timeout", "1");

            assertEquals(6, r.exit(), r::toString);
            assertTrue(r.err().contains("902 was not acknowledged") || r.err().contains("before 902 was acknowledged"),
                    r::toString);
            assertTrue(server.files.isEmpty());
        }
    }

    @Test
    void textIn1606MeansRegisterAgainAndIn1601ARefusedName() throws Exception {
        try (WildServer server = new WildServer(WildServer.Row.TEXT_REFUSALS)) {
            byte[] plain = file(server, 5000);
            assertEquals(0, client().exit());

            Run again = client();

            assertEquals(0, again.exit(), again::toString);
            assertArrayEquals(plain, server.files.get("f.bin"));
            assertTrue(String.join(",", server.log).contains("827,825"), server.log::toString);

            Files.createDirectories(dir.resolve("other"));
            Run taken = client("--dir", "other");
            assertEquals(5, taken.exit(), taken::toString);
            assertTrue(taken.err().contains("registration refused (1601)"), taken::toString);
        }
    }

    @Test
    void aServerSilentOnAnEarly827EndsTheRunWithinTheTimeout() throws Exception {
        try (WildServer server = new WildServer(WildServer.Row.SILENT_ON_827_BEFORE_UPLOAD, WildServer.Row.SINGLE_PACKET)) {
            file(server, 5000);
            // strict spec: refused, so the client is registered but has never uploaded
            Run refused = client("--dialect", "spec", "--timeout", "1");
            assertTrue(refused.exit() == 4 || refused.exit() == 5, refused::toString);

            Run silent = client("--dialect", "spec", "--timeout", "1");

            assertEquals(4, silent.exit(), silent::toString);
            assertTrue(silent.err().contains("reconnect (827)"), silent::toString);
            assertTrue(server.files.isEmpty());
        }
    }

    @Test
    void aServerWithoutRetrievalIsToldApartWhetherItErrsClosesOrFallsSilent() throws Exception {
        for (WildServer.Row row : new WildServer.Row[] {WildServer.Row.ERROR_ON_UNKNOWN_CODE,
                WildServer.Row.SILENT_ON_UNKNOWN_CODE, WildServer.Row.CRC32}) {
            Files.deleteIfExists(dir.resolve("me.info"));
            Files.deleteIfExists(dir.resolve("priv.key"));
            try (WildServer server = new WildServer(row)) {
                file(server, 5_000);
                assertEquals(0, client().exit(), row::toString);
                for (String[] args : new String[][] {{"list"}, {"get", "f.bin", "-o", "back.bin"}}) {
                    Run r = client(args);

                    assertEquals(8, r.exit(), () -> row + " " + r);
                    assertTrue(r.err().contains("this server cannot list or send files back"), () -> row + " " + r);
                    assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), () -> row + " " + r);
                    assertTrue(Files.notExists(dir.resolve("back.bin")), row::toString);
                }
            }
        }
    }
}
