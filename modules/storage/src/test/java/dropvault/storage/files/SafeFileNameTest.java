package dropvault.storage.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeFileNameTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        "report.pdf => report.pdf",
        "my file (2).txt => my file (2).txt",
        "docs/report.pdf => report.pdf",
        "C:\\Users\\me\\report.pdf => report.pdf",
        "../../etc/passwd => passwd",
        "..\\..\\boot.ini => boot.ini",
        "/absolute/path.bin => path.bin",
        "dir/ => file",
        ".. => file",
        ". => file",
        "... => file",
        "../.. => file",
        "x/.. => file",
        ".bashrc => bashrc",
        "  ..hidden.txt => hidden.txt",
        "trailing dots... => trailing dots",
        "CON => _CON",
        "con.txt => _con.txt",
        "Nul => _Nul",
        "COM1.log => _COM1.log",
        "lpt9 => _lpt9",
        "CONSOLE => CONSOLE",
        "COM10 => COM10",
        "a:b*c?d\"e<f>g|h.txt => a_b_c_d_e_f_g_h.txt",
        "caf\u00e9 \u65e5\u672c.txt => caf\u00e9 \u65e5\u672c.txt",
    })
    void reducesToASafeBaseName(String wire, String safe) {
        assertEquals(safe, SafeFileName.of(wire));
    }

    @Test
    void controlCharactersAndInvisibleOnesBecomeUnderscores() {
        assertEquals("a_b_c.txt", SafeFileName.of("a\u0001b\u001Fc.txt"));
        assertEquals("tab_new_line", SafeFileName.of("tab\tnew\nline"));
        assertEquals("del_", SafeFileName.of("del\u007F"));
        assertEquals("_exe.txt", SafeFileName.of("\u202Eexe.txt"));
        assertEquals("zero_width", SafeFileName.of("zero\u200Bwidth"));
        assertEquals("bad_utf8", SafeFileName.of("bad\uFFFDutf8"));
    }

    @Test
    void stopsAtANul() {
        assertEquals("visible.txt", SafeFileName.of("visible.txt\0../../hidden"));
        assertEquals("file", SafeFileName.of("\0name"));
    }

    @Test
    void emptyGivesTheFallback() {
        assertEquals(SafeFileName.FALLBACK, SafeFileName.of(""));
        assertEquals(SafeFileName.FALLBACK, SafeFileName.of("   "));
        assertEquals(SafeFileName.FALLBACK, SafeFileName.of("/"));
        assertEquals(SafeFileName.FALLBACK, SafeFileName.of("\\"));
    }

    @Test
    void longNamesAreCutKeepingTheExtension() {
        String cut = SafeFileName.of("x".repeat(254 - 4) + ".txt");
        assertEquals(SafeFileName.MAX_BYTES, cut.length());
        assertTrue(cut.endsWith("x.txt"));
        String wide = SafeFileName.of("\u00e9".repeat(120) + ".pdf");
        assertTrue(wide.getBytes(StandardCharsets.UTF_8).length <= SafeFileName.MAX_BYTES);
        assertTrue(wide.endsWith("\u00e9.pdf"));
        String emoji = SafeFileName.of("\uD83D\uDE00".repeat(100));
        assertTrue(emoji.getBytes(StandardCharsets.UTF_8).length <= SafeFileName.MAX_BYTES);
        assertTrue(emoji.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE));
    }

    @Test
    void randomNamesNeverLeaveTheFolder() {
        Random random = new Random(20937);
        String alphabet = "./\\\0 .:*?<>|\"aZ9\u0001\u007F\u00e9\uD83D\uDE00CONUL";
        Path folder = Path.of("/data/files/client");
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String safe = SafeFileName.of(sb.toString());
            assertFalse(safe.isEmpty());
            assertFalse(safe.startsWith(".") || safe.startsWith(" ") || safe.endsWith(".") || safe.endsWith(" "), safe);
            assertTrue(safe.chars().noneMatch(c -> c < 0x20 || c == '/' || c == '\\' || c == 0x7F), safe);
            assertEquals(folder, folder.resolve(safe).normalize().getParent(), safe);
            assertEquals(safe, SafeFileName.of(safe), "safe names are fixed points");
        }
    }

    @Test
    void variantsKeepTheExtensionAndStaySafe() {
        assertEquals("report (2).pdf", SafeFileName.variant("report.pdf", 2));
        assertEquals("README (10)", SafeFileName.variant("README", 10));
        assertEquals("archive.tar (3).gz", SafeFileName.variant("archive.tar.gz", 3));
        String longName = SafeFileName.of("y".repeat(240) + ".txt");
        String v = SafeFileName.variant(longName, 12);
        assertTrue(v.endsWith("y (12).txt") && v.length() <= SafeFileName.MAX_BYTES, v);
        for (String safe : new String[] {"report (2).pdf", "README (10)", v, SafeFileName.variant("_CON", 2)}) {
            assertEquals(safe, SafeFileName.of(safe));
        }
    }
}
