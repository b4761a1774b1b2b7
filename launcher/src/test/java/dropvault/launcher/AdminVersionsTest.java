package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.crypto.Cksum;
import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.Thanks;
import dropvault.server.Server;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dropvault-admin and the versions a real server kept: verify, files, restore, delete-client, export. */
class AdminVersionsTest {
    @TempDir
    Path data;

    private AdminRun admin(String... args) {
        return AdminRun.on(data, args);
    }

    /** Registers {@code client} and uploads, in order, each content under its name (a name again: a version). */
    private static Peer.Identity upload(TestServer server, String client, Object... namesAndContents)
            throws Exception {
        try (TestClient c = server.connect()) {
            Peer.Identity who = Peer.register(c, client);
            for (int i = 0; i < namesAndContents.length; i += 2) {
                String name = (String) namesAndContents[i];
                Peer.upload(c, who, name, (byte[]) namesAndContents[i + 1], Peer.Dialect.STANDARD);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8(name)));
                c.expect(Thanks.class);
            }
            return who;
        }
    }

    private Path folder(Peer.Identity who) {
        return data.resolve("files").resolve(who.id().hex());
    }

    /** The one file in the client's .versions folder whose content is {@code content}. */
    private Path versionFile(Peer.Identity who, byte[] content) throws Exception {
        try (var s = Files.list(folder(who).resolve(".versions"))) {
            List<Path> found = new ArrayList<>();
            for (Path p : s.toList()) {
                if (java.util.Arrays.equals(Files.readAllBytes(p), content)) {
                    found.add(p);
                }
            }
            assertEquals(1, found.size(), "one version holds that content: " + found);
            return found.getFirst();
        }
    }

    private static void flipOneByte(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x01;
        Files.write(file, b);
    }

    @Test
    void verifyNamesExactlyTheCorruptedAndTheMissing() throws Exception {
        byte[] v1 = Peer.randomBytes(1, 1000);
        byte[] v2 = Peer.randomBytes(2, 1500);
        byte[] v3 = Peer.randomBytes(3, 2000);
        Peer.Identity dave;
        try (TestServer server = TestServer.start(data)) {
            dave = upload(server, "dave", "v.txt", v1, "v.txt", v2, "v.txt", v3, "w.txt", Peer.randomBytes(4, 500));
        }
        String id = dave.id().hex();
        AdminRun clean = admin("verify");
        assertEquals(0, clean.status(), clean.out() + clean.err());
        assertEquals(List.of("checked 2 files and 2 versions of 1 clients, 5000 bytes read: no problems"),
                clean.lines());

        flipOneByte(folder(dave).resolve("v.txt"));
        Path first = versionFile(dave, v1);
        flipOneByte(first);
        Files.delete(folder(dave).resolve("w.txt"));

        AdminRun damaged = admin("verify", "dave");
        assertEquals(6, damaged.status(), damaged.out() + damaged.err());
        List<String> lines = damaged.lines();
        assertEquals(4, lines.size(), damaged.out());
        assertTrue(lines.get(0).matches("cksum differs: " + id + " v\\.txt \\(files/" + id + "/v\\.txt\\): "
                + Cksum.of(v3) + " recorded, \\d+ stored"), damaged.out());
        assertTrue(lines.get(1).matches("cksum differs: " + id + " v\\.txt version 1 \\(files/" + id + "/\\.versions/"
                + first.getFileName().toString().replace(".", "\\.") + "\\): " + Cksum.of(v1)
                + " recorded, \\d+ stored"), damaged.out());
        assertEquals("missing: " + id + " w.txt (files/" + id + "/w.txt)", lines.get(2));
        assertEquals("checked 2 files and 2 versions of 1 clients, 4500 bytes read: 3 problems", lines.get(3));

        Files.write(folder(dave).resolve("v.txt"), Peer.randomBytes(5, 10));
        AdminRun shorter = admin("verify");
        assertTrue(shorter.out().contains("size differs: " + id + " v.txt (files/" + id + "/v.txt): 2000 bytes"
                + " recorded, 10 stored"), shorter.out());
    }

    private List<String> leftovers(Peer.Identity who) throws Exception {
        try (var s = Files.walk(folder(who))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".upload-")).toList();
        }
    }

    private int versionFiles(Peer.Identity who) throws Exception {
        try (var s = Files.list(folder(who).resolve(".versions"))) {
            return (int) s.count();
        }
    }

    @Test
    void verifyNamesABurstOfReplacements() throws Exception {
        Object[] uploads = new Object[2 * 7];
        for (int i = 0; i < 7; i++) {
            uploads[2 * i] = "often.txt";
            uploads[2 * i + 1] = Peer.randomBytes(40 + i, 100 + i);
        }
        Peer.Identity gina;
        try (TestServer server = TestServer.start(data)) {
            gina = upload(server, "gina", uploads);
            upload(server, "hank", "once.txt", Peer.randomBytes(50, 10), "once.txt", Peer.randomBytes(51, 20));
        }
        AdminRun verify = admin("verify");
        assertEquals(8, verify.status(), verify.out());
        List<String> lines = verify.lines();
        assertEquals(2, lines.size(), verify.out());
        assertTrue(lines.get(0).startsWith("burst of replacements: " + gina.id().hex() + " often.txt (gina) replaced 6"
                + " times from "), lines.get(0));
        assertTrue(lines.get(1).endsWith("no problems; 1 burst of replacements"), lines.get(1));
        assertEquals(0, admin("verify", "hank").status(), "two uploads are no burst");
    }

    @Test
    void filesListsTheVersionsAndRestoreBringsOneBackDestroyingNothing() throws Exception {
        byte[] v1 = Peer.randomBytes(11, 1000);
        byte[] v2 = Peer.randomBytes(12, 1500);
        byte[] v3 = Peer.randomBytes(13, 2000);
        Peer.Identity erin;
        try (TestServer server = TestServer.start(data)) {
            erin = upload(server, "erin", "r.txt", v1, "r.txt", v2, "r.txt", v3);
            String id = erin.id().hex();

            AdminRun files = admin("files", "erin");
            assertEquals(0, files.status(), files.err());
            List<String> lines = files.lines();
            assertEquals(4, lines.size(), files.out());
            assertTrue(lines.get(0).matches("FILE +VERSION +BYTES +CKSUM +CONFIRMED +KEPT AT +STORED AS"), files.out());
            assertTrue(lines.get(1).matches("r\\.txt +current +2000 +" + Cksum.of(v3) + " +yes +- +files/" + id
                    + "/r\\.txt"), files.out());
            assertTrue(lines.get(2).matches("r\\.txt +1 +1000 +" + Cksum.of(v1) + " +- +\\S+Z +files/" + id
                    + "/\\.versions/r\\.txt@\\S+"), files.out());
            assertTrue(lines.get(3).matches("r\\.txt +2 +1500 +" + Cksum.of(v2) + " +- +\\S+Z +files/" + id
                    + "/\\.versions/r\\.txt@\\S+"), files.out());

            AdminRun refused = admin("restore", "erin", "r.txt", "1");
            assertEquals(4, refused.status(), refused.out() + refused.err());
            assertTrue(refused.err().contains("a server holds the store"), refused.err());
            assertArrayEquals(v3, Files.readAllBytes(folder(erin).resolve("r.txt")), "nothing changed");
        }
        String id = erin.id().hex();

        AdminRun restored = admin("restore", "erin", "r.txt", "1");
        assertEquals(0, restored.status(), restored.out() + restored.err());
        assertEquals("restored r.txt of client erin to version 1 (1000 bytes, cksum " + Cksum.of(v1)
                + "); what it replaced is version 3\n", restored.out());
        assertArrayEquals(v1, Files.readAllBytes(folder(erin).resolve("r.txt")));
        List<String> after = admin("files", id).lines();
        assertEquals(5, after.size(), String.join("\n", after));
        assertTrue(after.get(1).matches("r\\.txt +current +1000 +" + Cksum.of(v1) + " +yes .*"), after.get(1));
        assertTrue(after.get(4).matches("r\\.txt +3 +2000 +" + Cksum.of(v3) + " +- .*"), after.get(4));
        assertArrayEquals(v3, Files.readAllBytes(data.resolve(after.get(4).replaceAll(".* ", ""))),
                "the content restore replaced is kept as version 3");
        AdminRun verified = admin("verify");
        assertEquals(0, verified.status(), verified.out());
        assertEquals("checked 1 files and 3 versions of 1 clients, 5500 bytes read: no problems\n", verified.out());
        assertEquals(List.of(), leftovers(erin));

        assertEquals(7, admin("restore", "erin", "r.txt", "9").status(), "no such version");
        assertEquals(7, admin("restore", "erin", "other.txt", "1").status(), "no such file");
        assertEquals(5, admin("restore", "nobody", "r.txt", "1").status());
        assertEquals(2, admin("restore", "erin", "r.txt", "one").status());
        assertEquals(2, admin("restore", "erin", "r.txt", "0").status());
        assertEquals(2, admin("restore", "erin", "r.txt").status());

        Path second = versionFile(erin, v2);
        flipOneByte(second);
        AdminRun damaged = admin("restore", "erin", "r.txt", "2");
        assertEquals(6, damaged.status(), damaged.out() + damaged.err());
        assertTrue(damaged.err().contains("version 2 of r.txt of client erin is not as recorded"), damaged.err());
        assertArrayEquals(v1, Files.readAllBytes(folder(erin).resolve("r.txt")), "nothing changed");
        assertEquals(after, admin("files", "erin").lines(), "nothing recorded");
        assertEquals(3, versionFiles(erin), "no version made");
        assertEquals(List.of(), leftovers(erin));
        flipOneByte(second);

        // the server's settings: versions.keep=3 drops the oldest (of any age), whose file goes (its content is current)
        Path config = data.resolveSibling(data.getFileName() + ".properties");
        Files.writeString(config, "versions.keep = 3\nversions.min.age.days = 0\n");
        try {
            Path first = versionFile(erin, v1);
            AdminRun kept3 = admin("--config", config.toString(), "restore", "erin", "r.txt", "3");
            assertEquals(0, kept3.status(), kept3.out() + kept3.err());
            assertEquals("restored r.txt of client erin to version 3 (2000 bytes, cksum " + Cksum.of(v3)
                    + "); what it replaced is version 4; versions dropped under the settings: [1]\n", kept3.out());
            assertArrayEquals(v3, Files.readAllBytes(folder(erin).resolve("r.txt")));
            assertFalse(Files.exists(first), "the dropped version's file is deleted");
            List<String> kept = admin("files", "erin").lines();
            assertEquals(List.of("current", "2", "3", "4"), kept.stream().skip(1)
                    .map(l -> l.split(" +")[1]).toList(), String.join("\n", kept));
            assertEquals(0, admin("verify").status());
        } finally {
            Files.delete(config);
        }

        // a server goes on from the restored store: the next upload of the name keeps version 5 (of 5 kept)
        byte[] v5 = Peer.randomBytes(15, 300);
        try (TestServer server = TestServer.start(data); TestClient c = server.connect()) {
            c.send(erin.id(), new ReconnectRequest(NameField.of("erin")));
            Peer.Identity again = new Peer.Identity(erin.id(), "erin", Peer.unwrap(c.expect(Reconnected.class)
                    .wrappedKey()));
            Peer.upload(c, again, "r.txt", v5, Peer.Dialect.STANDARD);
            c.send(erin.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("r.txt")));
            c.expect(Thanks.class);
        }
        List<String> next = admin("files", "erin").lines();
        assertEquals(List.of("current", "2", "3", "4", "5"), next.stream().skip(1).map(l -> l.split(" +")[1]).toList(),
                String.join("\n", next));
        assertTrue(next.get(5).matches("r\\.txt +5 +2000 +" + Cksum.of(v3) + " .*"), next.get(5));
        assertEquals(0, admin("verify").status());
    }

    @Test
    void exportHasTheVersionsAndDeleteClientRemovesThem() throws Exception {
        byte[] v1 = Peer.randomBytes(21, 700);
        Peer.Identity fay;
        Peer.Identity gus;
        try (TestServer server = TestServer.start(data)) {
            fay = upload(server, "fay", "x.bin", v1, "x.bin", Peer.randomBytes(22, 800), "y.bin",
                    Peer.randomBytes(23, 900));
            gus = upload(server, "gus", "x.bin", Peer.randomBytes(24, 100), "x.bin", Peer.randomBytes(25, 200));
        }
        String id = fay.id().hex();
        AdminRun export = admin("export");
        assertEquals(0, export.status(), export.err());
        List<String> versions = export.lines().stream().filter(l -> l.startsWith("{\"type\":\"version\"")).toList();
        assertEquals(2, versions.size(), export.out());
        String faysVersion = versions.stream().filter(l -> l.contains(id)).findFirst().orElseThrow();
        assertTrue(faysVersion.matches("\\{\"type\":\"version\",\"client\":\"" + id + "\",\"name\":\"x\\.bin\","
                + "\"number\":1,\"path\":\"files/" + id + "/\\.versions/x\\.bin@[^\"]+\",\"bytes\":700,\"cksum\":"
                + Cksum.of(v1) + ",\"kept_at\":\"[^\"]+Z\"}"), faysVersion);
        assertTrue(export.out().contains("\"name\":\"y.bin\",\"path\":\"files/" + id + "/y.bin\",\"verified\":true,"
                + "\"bytes\":900,\"cksum\":"), export.out());
        assertEquals(5 + 2, export.lines().size(), "2 clients, 3 files, 2 versions: " + export.out());
        assertFalse(export.out().contains("public_key"), "no keys unless asked");

        assertTrue(Files.isDirectory(folder(fay).resolve(".versions")));
        AdminRun deleted = admin("delete-client", "fay", "--yes");
        assertEquals(0, deleted.status(), deleted.err());
        assertEquals("deleted client fay (" + id + "): 2 file records, 1 versions, 3 files\n", deleted.out());
        assertFalse(Files.exists(folder(fay)), "its files and its .versions folder are gone");
        assertEquals(1, versionFiles(gus), "another client's versions stay");
        AdminRun verify = admin("verify");
        assertEquals("checked 1 files and 1 versions of 1 clients, 300 bytes read: no problems\n", verify.out());
    }

    @Test
    void aRecordOfAnOlderStoreIsNotRecordedNotAMismatch() throws Exception {
        byte[] content = Peer.randomBytes(31, 1200);
        Peer.Identity hal;
        try (TestServer server = TestServer.start(data)) {
            hal = upload(server, "hal", "h.txt", content);
        }
        String id = hal.id().hex();
        try (Store store = Server.openStore(TestServer.config(data))) {
            store.putFile(new FileRecord(hal.id(), "h.txt", "files/" + id + "/h.txt", true));
        }
        AdminRun verify = admin("verify");
        assertEquals(0, verify.status(), verify.out());
        assertEquals(List.of("size and cksum not recorded (an older store): " + id + " h.txt (files/" + id + "/h.txt)",
                "checked 1 files and 0 versions of 1 clients, 1200 bytes read: no problems"), verify.lines());
        List<String> files = admin("files", "hal").lines();
        assertTrue(files.get(1).matches("h\\.txt +current +1200 +not recorded +yes +- +files/" + id + "/h\\.txt"),
                files.get(1));

        Files.delete(folder(hal).resolve("h.txt"));
        AdminRun missing = admin("verify");
        assertEquals(6, missing.status(), missing.out());
        assertEquals(List.of("missing: " + id + " h.txt (files/" + id + "/h.txt)",
                "checked 1 files and 0 versions of 1 clients, 0 bytes read: 1 problem"), missing.lines());
    }
}
