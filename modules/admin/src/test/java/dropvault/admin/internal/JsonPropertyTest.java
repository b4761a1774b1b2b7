package dropvault.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** export's JSON: any name or path gives one line of ASCII that decodes back to it. */
class JsonPropertyTest {

    @Property(tries = 3_000)
    void anyStringIsOneAsciiLineThatDecodesBack(@ForAll String value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", value);
        fields.put("bytes", 12L);
        String json = Json.object(fields);
        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f), json);
        assertTrue(json.startsWith("{\"name\":\"") && json.endsWith("\",\"bytes\":12}"), json);
        assertEquals(value, unescape(json.substring("{\"name\":\"".length(), json.length() - "\",\"bytes\":12}".length())));
    }

    /** The JSON string rules, for the escapes Json writes. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                throw new AssertionError("an unescaped quote in " + s);
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new AssertionError("escape \\" + e + " in " + s);
            }
        }
        return b.toString();
    }
}
