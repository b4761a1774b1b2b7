package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.NameField;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile file names, uploaded and confirmed: every one lands as a plain file directly inside
 * {@code files/<client id>/}, and nothing else under the temporary root changes but the store.
 */
class HostileNamesIT {
    @TempDir
    Path work;

    static List<NameField> corpus() {
        List<String> texts = new ArrayList<>(List.of(
                "../escape.txt", "../../../../../../etc/passwd", "..\\escape.txt", "..\\..\\..\\windows\\evil.dll",
                "/etc/passwd", "/tmp/absolute.txt", "\\\\server\\share\\unc.txt", "\\absolute-backslash.txt",
                "C:\\Windows\\System32\\evil.txt", "C:evil.txt", "c:/x/y.txt", "D:", "D:\\",
                ".", "..", "...", "./", "../", "/", "\\", "a/../../b.txt", "a\\..\\..\\b.txt", "a/./../c.txt",
                "tab\tname.txt", "new\nline.txt", "carriage\rreturn", "bell\u0007.txt", "esc\u001b[31mred.txt",
                "del\u007f.txt", "c1\u0085control.txt",
                "a".repeat(254), "b".repeat(250) + ".txt", ".".repeat(254), " ".repeat(254), "é".repeat(127),
                "CON", "con.txt", "NUL", "nul.tar.gz", "COM1", "com1.log", "LPT1", "LPT1.txt", "PRN", "AUX.c",
                "CONIN$", "CON .txt", "lpt9",
                "a\u2215b.txt", "a\uFF0Fb.txt", "a\u2044b.txt", "a\uFF3Cb.txt", "\u202Etxt.exe", "zero\u200Bwidth.txt",
                "trailing.", "trailing ", "trailing. . .", " leading space.txt", ".hidden", "..double-hidden",
                "~", "-rf", "name:stream.txt", "a<b>c|d?e*f\"g.txt", "%2e%2e%2fencoded.txt", "ﬁle-ligature.txt",
                "e\u0301-combining.txt", "\uD83D\uDCA9.txt", "files", "store.db"));
        List<NameField> fields = new ArrayList<>();
        for (String t : texts) {
            fields.add(NameField.utf8(t));
        }
        fields.add(raw("evil\0/../../outside.txt".getBytes(StandardCharsets.UTF_8)));
        fields.add(raw("\0../leading-nul".getBytes(StandardCharsets.UTF_8)));
        fields.add(raw(new byte[] {'o', 'v', (byte) 0xC0, (byte) 0xAF, 'x'}));
        fields.add(raw(new byte[] {(byte) 0xFF, (byte) 0xFE, '.', '.', '/', 'y'}));
        byte[] noNul = new byte[255];
        Arrays.fill(noNul, (byte) 'z');
        fields.add(raw(noNul));
        return fields;
    }

    /** The store's own files: data/store.db and the files beside it (journal, lock, clean marker). */
    private static boolean isStore(String path) {
        Path p = Path.of(path);
        return Path.of("data").equals(p.getParent()) && p.getFileName().toString().startsWith("store.db");
    }

    private static NameField raw(byte[] text) {
        return NameField.wrap(Arrays.copyOf(text, 255), 0);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyHostileNameLandsInTheClientsFolder() throws Exception {
        Path root = work.resolve("root");
        Path data = root.resolve("data");
        Files.createDirectories(root.resolve("outside"));
        Files.writeString(root.resolve("outside/keep.txt"), "untouched");
        List<NameField> corpus = corpus();
        Set<String> texts = new HashSet<>();
        corpus.forEach(n -> texts.add(n.text()));
        assertTrue(texts.size() >= 50 && texts.size() == corpus.size(), "distinct names: " + texts.size());

        Map<String, String> before;
        Client.Identity who;
        Map<String, String> contentByText = new HashMap<>();
        ServerProcess.Options options = new ServerProcess.Options(work, data);
        try (ServerProcess server = ServerProcess.start(options)) {
            try (Wire w = new Wire(server.address())) {
                who = Client.register(w, "name tester");
            }
            before = Snapshot.of(root);
            for (int i = 0; i < corpus.size(); i++) {
                NameField name = corpus.get(i);
                byte[] plain = Client.randomBytes(100 + i, 100 + i);
                try (Wire w = new Wire(server.address())) {
                    Client.Identity again = Client.reconnect(w, who.id(), who.name());
                    Client.store(w, again, name, plain);
                } catch (AssertionError e) {
                    throw new AssertionError("name #" + i + " " + Arrays.toString(name.toBytes()) + ": " + e.getMessage(), e);
                }
                contentByText.put(name.text(), Snapshot.sha256(plain));
            }
            assertEquals(0, server.stop());
        }

        Path folder = data.resolve("files").resolve(who.id().hex());
        Map<String, String> after = Snapshot.of(root);
        String prefix = root.relativize(folder).toString();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String path = e.getKey();
            if (!isStore(path) && !path.startsWith(prefix)) {
                assertEquals(before.get(path), e.getValue(), "changed outside the client's folder: " + path);
            }
        }
        for (String path : before.keySet()) {
            assertTrue(isStore(path) || after.containsKey(path), "removed: " + path);
        }

        Set<String> stored = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                assertTrue(Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS), "not a plain file: " + f);
                assertFalse(f.getFileName().toString().startsWith("."), "hidden or temporary: " + f);
                stored.add(Snapshot.sha256(f));
            }
        }
        assertEquals(new TreeSet<>(contentByText.values()), stored, "every name kept its own file");

        List<String> records = StoreDump.of(data, work).stream().filter(l -> l.startsWith("file ")).toList();
        assertEquals(corpus.size(), records.size(), String.join("\n", records));
        for (String r : records) {
            String path = r.substring(r.indexOf(" path=") + 6, r.indexOf(" verified="));
            assertTrue(path.startsWith("files/" + who.id().hex() + "/") && !path.substring(39).contains("/")
                    && r.endsWith("verified=true"), r);
        }
    }
}
