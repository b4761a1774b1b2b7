package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.admin.AdminCli;
import dropvault.crypto.Cksum;
import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.Thanks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dropvault-admin on a data folder the real server wrote: every command, while it runs and after it stopped. */
class AdminTest {
    @TempDir
    Path data;

    private AdminRun admin(String... args) {
        return AdminRun.on(data, args);
    }

    private static Peer.Identity store(TestServer server, String client, String... files) throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, client);
            int seed = 0;
            for (String f : files) {
                Peer.upload(c, who, f, Peer.randomBytes(++seed, 1000 * seed), Peer.Dialect.STANDARD);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(f)));
                c.expect(Thanks.class);
            }
            return who;
        }
    }

    @Test
    void readsWhileTheServerRunsAndChangesOnlyOnceItStopped() throws Exception {
        Peer.Identity alice;
        Peer.Identity bob;
        try (TestServer server = TestServer.start(data)) {
            alice = store(server, "alice", "a.txt", "b \"quoted\".txt");
            bob = store(server, "bob", "only.bin");
            store(server, "carol");

            AdminRun clients = admin("clients");
            assertEquals(0, clients.status(), clients.err());
            assertEquals(4, clients.lines().size(), clients.out());
            assertTrue(clients.lines().getFirst().matches("NAME +ID +LAST SEEN +FILES +BYTES +KEY BOUND"), clients.out());
            // in the order of their ids
            assertTrue(clients.lines().stream().anyMatch(l -> l.matches("alice +" + alice.id().hex() + " +\\S+Z +2 +3000 +no")),
                    clients.out());
            assertTrue(clients.lines().stream().anyMatch(l -> l.matches("bob +" + bob.id().hex() + " +\\S+Z +1 +1000 +no")),
                    clients.out());
            assertTrue(clients.lines().stream().anyMatch(l -> l.matches("carol +\\p{XDigit}{32} +\\S+Z +0 +0 +no")),
                    clients.out());

            AdminRun files = admin("files", "alice");
            assertEquals(0, files.status(), files.err());
            // the name as the client gave it; stored under its safe name
            assertEquals(List.of("FILE            VERSION  BYTES  CKSUM       CONFIRMED  KEPT AT  STORED AS",
                    "a.txt           current  1000   " + Cksum.of(Peer.randomBytes(1, 1000))
                            + "   yes        -        files/" + alice.id().hex() + "/a.txt",
                    "b \"quoted\".txt  current  2000   " + Cksum.of(Peer.randomBytes(2, 2000))
                            + "  yes        -        files/" + alice.id().hex() + "/b _quoted_.txt"),
                    files.lines());
            assertEquals(files.lines(), admin("files", alice.id().hex()).lines(), "a client by its id");
            assertEquals(5, admin("files", "nobody").status());

            AdminRun export = admin("export");
            assertEquals(0, export.status(), export.err());
            assertEquals(6, export.lines().size(), export.out());
            assertTrue(export.out().contains("{\"type\":\"file\",\"client\":\"" + alice.id().hex()
                    + "\",\"name\":\"b \\\"quoted\\\".txt\",\"path\":\"files/" + alice.id().hex()
                    + "/b _quoted_.txt\",\"verified\":true,\"bytes\":2000,\"cksum\":"
                    + Cksum.of(Peer.randomBytes(2, 2000)) + "}"), export.out());
            assertEquals(3, export.out().split("\"key_bound\":false", -1).length - 1, "no client is key-bound");
            assertFalse(export.out().contains("public_key"), "no keys unless asked");
            AdminRun withKeys = admin("export", "--keys");
            assertEquals(3, withKeys.out().split("\"public_key\":\"", -1).length - 1, withKeys.out());
            assertFalse(withKeys.out().contains("aes_key"), "no AES key is stored, none exported");

            assertEquals(0, admin("verify").status());

            AdminRun refused = admin("delete-client", "bob", "--yes");
            assertEquals(4, refused.status(), refused.out() + refused.err());
            assertTrue(refused.err().contains("a server holds the store"), refused.err());
        }
        assertTrue(Files.exists(data.resolve("files").resolve(bob.id().hex()).resolve("only.bin")));

        Files.delete(data.resolve("files").resolve(alice.id().hex()).resolve("a.txt"));
        AdminRun damaged = admin("verify");
        assertEquals(6, damaged.status(), damaged.out());
        assertEquals(List.of("missing: " + alice.id().hex() + " a.txt (files/" + alice.id().hex() + "/a.txt)",
                "checked 3 files and 0 versions of 3 clients, 3000 bytes read: 1 problem"), damaged.lines());
        assertEquals(0, admin("verify", "bob").status(), "only bob's files");

        assertEquals(2, admin("delete-client", "bob").status(), "needs --yes");
        AdminRun deleted = admin("delete-client", "bob", "--yes");
        assertEquals(0, deleted.status(), deleted.err());
        assertEquals("deleted client bob (" + bob.id().hex() + "): 1 file records, 0 versions, 1 files\n", deleted.out());
        assertFalse(Files.exists(data.resolve("files").resolve(bob.id().hex())));
        assertEquals(5, admin("files", "bob").status());

        try (TestServer server = TestServer.start(data)) {
            store(server, "bob");
            AdminRun clients = admin("clients");
            assertEquals(4, clients.lines().size(), "bob registered again: " + clients.out());
        }
    }

    @Test
    void usageHelpAndMissingFolders() {
        AdminRun help = admin("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("Usage: dropvault-admin [options] COMMAND [ARGUMENTS]\n"), help.out());
        for (String command : List.of("clients", "files CLIENT", "verify [CLIENT]", "restore CLIENT FILE VERSION",
                "export", "delete-client CLIENT")) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " in\n" + help.out());
        }
        assertTrue(help.lines().stream().allMatch(l -> l.length() <= 80 && l.equals(l.stripTrailing())), help.out());
        assertEquals(2, admin().status());
        assertEquals(2, admin("no-such-command").status());
        assertEquals(2, admin("files").status());
        assertEquals(2, admin("clients", "extra").status());
        AdminRun missing = new AdminRun(AdminCli.run(new String[] {"--data", data.resolve("absent").toString(), "clients"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())), "", "");
        assertEquals(3, missing.status());
        assertFalse(Files.exists(data.resolve("absent")), "nothing is created");
    }
}
