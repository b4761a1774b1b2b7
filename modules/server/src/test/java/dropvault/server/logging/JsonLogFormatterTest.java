package dropvault.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
    private static final Instant T = Instant.parse("2026-12-01T10:15:30.123Z");

    private static LogRecord record(String message, Object... params) {
        LogRecord r = new LogRecord(Level.INFO, message);
        r.setLoggerName("dropvault.server");
        r.setInstant(T);
        r.setParameters(params);
        return r;
    }

    @Test
    void aSessionLineWithItsFields() {
        String json = new JsonLogFormatter().format(record(SessionLine.FORMAT, "/127.0.0.1:4000",
                "00112233445566778899aabbccddeeff", "report.pdf", "1234", "stored", "1604", "per-packet", "stored"));
        assertEquals("{\"time\":\"2026-12-01T10:15:30.123Z\",\"level\":\"INFO\",\"logger\":\"dropvault.server\","
                + "\"message\":\"session peer=/127.0.0.1:4000 client=00112233445566778899aabbccddeeff file=report.pdf"
                + " bytes=1234 result=stored last-reply=1604 dialect=per-packet\",\"event\":\"session\",\"peer\":\"/127.0.0.1:4000\","
                + "\"client\":\"00112233445566778899aabbccddeeff\",\"file\":\"report.pdf\",\"bytes\":1234,"
                + "\"result\":\"stored\",\"last_reply\":1604,\"dialect\":\"per-packet\",\"kind\":\"stored\"}\n", json);
    }

    @Test
    void absentFieldsAreNullAndNothingBreaksTheLine() {
        String json = new JsonLogFormatter().format(record(SessionLine.FORMAT, "/[::1]:4000", "-", "a\"b\\c\u2028",
                "0", "refused 900: names 'x'", "-", "spec", "refused"));
        assertTrue(json.contains("\"client\":null,\"file\":\"a\\\"b\\\\c\\u2028\",\"bytes\":0,"
                + "\"result\":\"refused 900: names 'x'\",\"last_reply\":null,\"dialect\":\"spec\",\"kind\":\"refused\"}"), json);
        assertEquals(1, json.lines().count());
    }

    @Test
    void otherRecordsAndTheirExceptions() {
        LogRecord r = record("serving codes [825]\nand more");
        r.setParameters(null);
        r.setThrown(new IllegalStateException("boom"));
        String json = new JsonLogFormatter().format(r);
        assertTrue(json.startsWith("{\"time\":\"2026-12-01T10:15:30.123Z\",\"level\":\"INFO\","
                + "\"logger\":\"dropvault.server\",\"message\":\"serving codes [825]\\nand more\","
                + "\"thrown\":\"java.lang.IllegalStateException: boom\\n\\tat "), json);
        assertEquals(1, json.lines().count());
    }
}
