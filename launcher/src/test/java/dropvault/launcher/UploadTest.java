package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.Thanks;
import dropvault.server.Server;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 828 then 900: the file arrives byte for byte, in every dialect of PROTOCOL.md §8, and is recorded verified. */
class UploadTest {
    @TempDir
    static Path data;
    static Store store;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        store = Server.openStore(TestServer.config(data));
        server = TestServer.start(data, store, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        store.close();
    }

    static Stream<Arguments> dialects() {
        Peer.Dialect std = Peer.Dialect.STANDARD;
        Peer.Dialect big = Peer.Dialect.chunks("8192 from 1", 8192);
        Peer.Dialect varied = new Peer.Dialect("varied chunks", new int[] {48, 1024, 1000, 4096, 16}, false, false,
                false);
        return Stream.of(std, std.fromZero(), std.withPadding(), std.withPadding().fromZero(), std.totalFirst(),
                        std.totalFirst().fromZero(), std.withPadding().totalFirst(), big, big.fromZero(), big.totalFirst(),
                        varied, varied.fromZero())
                .flatMap(d -> Stream.of(Arguments.of(d, 0), Arguments.of(d, 15), Arguments.of(d, 1024),
                        Arguments.of(d, 20_000), Arguments.of(d, 70_001)));
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("dialects")
    void aFileArrivesByteForByte(Peer.Dialect dialect, int size) throws Exception {
        byte[] plain = Peer.randomBytes(size * 31L + dialect.label().hashCode(), size);
        String fileName = "upload " + dialect.label().replace(',', ' ') + " " + size + ".bin";
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "upload " + dialect.label() + " " + size);
            Peer.upload(c, who, fileName, plain, dialect);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(fileName)));
            assertEquals(who.id(), c.expect(Thanks.class).clientId());

            Path stored = server.clientFolder(who.id()).resolve(fileName);
            assertArrayEquals(plain, Files.readAllBytes(stored));
            FileRecord rec = store.file(who.id(), fileName).orElseThrow();
            assertTrue(rec.verified());
            assertEquals("files/" + who.id().hex() + "/" + fileName, rec.pathName());
            assertEquals(stored, data.resolve(rec.pathName()));
        }
        assertEquals(java.util.List.of(), server.temporaryFilesLeft());
    }

    @Test
    void aPathAsFileNameIsEchoedByteForByteAndStoredUnderItsBaseName() throws Exception {
        byte[] plain = Peer.randomBytes(5, 2500);
        String wire = "C:\\Users\\me\\docs/report.pdf";
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "upload path name");
            Peer.upload(c, who, wire, plain, Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(wire)));
            c.expect(Thanks.class);
            assertArrayEquals(plain, Files.readAllBytes(server.clientFolder(who.id()).resolve("report.pdf")));
            assertEquals("files/" + who.id().hex() + "/report.pdf", store.file(who.id(), wire).orElseThrow().pathName());
        }
    }

    @Test
    void aSecondFileOnTheSameConnectionIsServedToo() throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, "upload two files");
            for (String name : new String[] {"one.txt", "two.txt"}) {
                byte[] plain = Peer.randomBytes(name.hashCode(), 3000);
                Peer.upload(c, who, name, plain, Peer.Dialect.STANDARD);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(name)));
                c.expect(Thanks.class);
                assertArrayEquals(plain, Files.readAllBytes(server.clientFolder(who.id()).resolve(name)));
            }
        }
    }
}
