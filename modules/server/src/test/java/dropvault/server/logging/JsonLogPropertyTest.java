package dropvault.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Whatever a peer makes the session line hold, the JSON record stays one line with no raw control character. */
class JsonLogPropertyTest {

    @Property(tries = 2_000)
    void anySessionFieldsGiveOneLine(@ForAll String file, @ForAll String result) {
        LogRecord r = new LogRecord(Level.INFO, SessionLine.FORMAT);
        r.setLoggerName("dropvault.server");
        r.setParameters(new Object[] {"/127.0.0.1:1", "-", file, "5", result, "-", "spec", "closed"});
        String json = new JsonLogFormatter().format(r);
        assertEquals(1, json.lines().count(), json);
        assertTrue(json.endsWith("}\n"));
        assertTrue(json.substring(0, json.length() - 1).chars().noneMatch(c -> c < 0x20 || c == 0x2028 || c == 0x2029),
                json);
    }
}
