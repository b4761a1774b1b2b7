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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** File names from the wire become safe base names: nothing lands outside the client's folder. */
class HostileNameTest {
    @TempDir
    static Path root;
    static Path data;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        data = root.resolve("data");
        server = TestServer.start(data);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static int clients;

    @ParameterizedTest
    @ValueSource(strings = {"../../escape.txt", "..\\..\\escape.txt", "/etc/passwd", "C:\\Windows\\win.ini", "..",
            ".", "...", "../", "CON", "nul.txt", "com1", "LPT9.log", ".bashrc", "  .hidden", "a\u0001b\u001fc.txt",
            "dir/sub/../../../x", "x/..", "\u202Eexe.txt", "a:b*c?d.txt",
            "very long name xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.txt"})
    void staysInsideTheClientsFolder(String wireName) throws Exception {
        byte[] plain = Peer.randomBytes(wireName.hashCode(), 1500);
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "hostile " + (++clients));
            Peer.upload(c, who, wireName, plain, Peer.Dialect.STANDARD);
            c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(wireName)));
            c.expect(Thanks.class);
        }
        server.awaitConnectionsEnded();
        Path folder = server.clientFolder(who.id()).toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.toList();
        }
        assertEquals(1, files.size(), () -> "files: " + files);
        Path stored = files.getFirst();
        assertEquals(folder, stored.toAbsolutePath().normalize().getParent());
        String name = stored.getFileName().toString();
        assertTrue(!name.startsWith(".") && !name.startsWith(" ") && !name.isEmpty(), name);
        assertTrue(name.chars().noneMatch(ch -> ch < 0x20 || ch == '/' || ch == '\\'), name);
        assertArrayEquals(plain, Files.readAllBytes(stored));
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(List.of(data), s.toList(), "nothing is written beside the data folder");
        }
        try (Stream<Path> s = Files.list(data)) {
            assertTrue(s.allMatch(p -> p.getFileName().toString().equals("files")
                    || p.getFileName().toString().startsWith("store")), "only the store and files/ in the data folder");
        }
    }

    @org.junit.jupiter.api.Test
    void twoWireNamesWithOneSafeNameKeepTwoFiles() throws Exception {
        byte[] a = Peer.randomBytes(1, 1000);
        byte[] b = Peer.randomBytes(2, 2000);
        byte[] a2 = Peer.randomBytes(3, 3000);
        Peer.Identity who;
        try (TestClient c = server.connect()) {
            who = Peer.register(c, "hostile same base name");
            for (Object[] upload : new Object[][] {{"a/x.txt", a}, {"b/x.txt", b}, {"a/x.txt", a2}}) {
                Peer.upload(c, who, (String) upload[0], (byte[]) upload[1], Peer.Dialect.STANDARD);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8((String) upload[0])));
                c.expect(Thanks.class);
            }
        }
        server.awaitConnectionsEnded();
        Path folder = server.clientFolder(who.id());
        assertArrayEquals(a2, Files.readAllBytes(folder.resolve("x.txt")));
        assertArrayEquals(b, Files.readAllBytes(folder.resolve("x (2).txt")));
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(2, s.filter(p -> !p.getFileName().toString().equals(".versions")).count());
        }
        // the first a/x.txt was replaced: it is kept as a version
        try (Stream<Path> s = Files.list(folder.resolve(".versions"))) {
            List<Path> versions = s.toList();
            assertEquals(1, versions.size());
            assertArrayEquals(a, Files.readAllBytes(versions.get(0)));
        }
    }
}
