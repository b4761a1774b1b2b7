package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.admin.AdminCli;
import dropvault.crypto.Cksum;
import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.Thanks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    record Run(int status, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run admin(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--data", data.toString()));
        all.addAll(List.of(args));
        int status = AdminCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
        Run clean = admin("verify");
        assertEquals(0, clean.status(), clean.out() + clean.err());
        assertEquals(List.of("checked 2 files and 2 versions of 1 clients, 5000 bytes read: no problems"),
                clean.lines());

        flipOneByte(folder(dave).resolve("v.txt"));
        Path first = versionFile(dave, v1);
        flipOneByte(first);
        Files.delete(folder(dave).resolve("w.txt"));

        Run damaged = admin("verify", "dave");
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
        Run shorter = admin("verify");
        assertTrue(shorter.out().contains("size differs: " + id + " v.txt (files/" + id + "/v.txt): 2000 bytes"
                + " recorded, 10 stored"), shorter.out());
    }
}
