package dropvault.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * java.util.logging records as JSON lines: {@code time}, {@code level}, {@code logger},
 * {@code message} (and {@code thrown}, a stack trace); a session line ({@link SessionLine}) also
 * with its fields ({@code event: "session"}, {@code peer}, {@code client}, {@code file},
 * {@code bytes}, {@code result}, {@code kind}, {@code last_reply}, {@code dialect}). Name it in logging.properties:
 * {@code java.util.logging.ConsoleHandler.formatter=dropvault.server.logging.JsonLogFormatter}.
 * Every character that could break a line or the JSON is escaped, so a record is always one line.
 */
public final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord r) {
        StringBuilder b = new StringBuilder(256).append('{');
        field(b, "time", Instant.ofEpochMilli(r.getMillis()).toString());
        field(b, "level", r.getLevel().getName());
        field(b, "logger", r.getLoggerName() == null ? "" : r.getLoggerName());
        field(b, "message", formatMessage(r));
        Object[] params = r.getParameters();
        if (SessionLine.FORMAT.equals(r.getMessage()) && params != null
                && params.length >= SessionLine.FIELDS.size()) {
            field(b, "event", "session");
            for (int i = 0; i < SessionLine.FIELDS.size(); i++) {
                String name = SessionLine.FIELDS.get(i);
                String value = String.valueOf(params[i]);
                if ((name.equals("bytes") || name.equals("last_reply")) && value.matches("\\d{1,18}")) {
                    b.append(",\"").append(name).append("\":").append(value);
                } else {
                    field(b, name, value.equals("-") ? null : value);
                }
            }
            if (params.length > SessionLine.FIELDS.size()) {
                field(b, "kind", String.valueOf(params[SessionLine.FIELDS.size()]));
            }
        }
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            field(b, "thrown", trace.toString());
        }
        return b.append("}\n").toString();
    }

    private static void field(StringBuilder b, String name, String value) {
        if (b.length() > 1) {
            b.append(',');
        }
        b.append('"').append(name).append("\":");
        if (value == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
