package dropvault.server.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .characterEscapes(new LineSafeEscapes())
            .build();

    @Override
    public String format(LogRecord r) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(r.getMillis()).toString());
            g.writeStringField("level", r.getLevel().getName());
            g.writeStringField("logger", r.getLoggerName() == null ? "" : r.getLoggerName());
            g.writeStringField("message", formatMessage(r));
            Object[] params = r.getParameters();
            if (SessionLine.FORMAT.equals(r.getMessage()) && params != null
                    && params.length >= SessionLine.FIELDS.size()) {
                g.writeStringField("event", "session");
                for (int i = 0; i < SessionLine.FIELDS.size(); i++) {
                    String name = SessionLine.FIELDS.get(i);
                    String value = String.valueOf(params[i]);
                    g.writeFieldName(name);
                    if ((name.equals("bytes") || name.equals("last_reply")) && value.matches("\\d{1,18}")) {
                        g.writeNumber(value);
                    } else if (value.equals("-")) {
                        g.writeNull();
                    } else {
                        g.writeString(value);
                    }
                }
                if (params.length > SessionLine.FIELDS.size()) {
                    g.writeStringField("kind", String.valueOf(params[SessionLine.FIELDS.size()]));
                }
            }
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                g.writeStringField("thrown", trace.toString());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /**
     * Control characters, DEL, the line and paragraph separators and lone surrogate halves as \\u
     * escapes (only \", \\, \n, \r and \t have short forms): a record is always one line.
     */
    private static final class LineSafeEscapes extends CharacterEscapes {
        private final int[] codes = standardAsciiEscapesForJSON();

        LineSafeEscapes() {
            codes['\b'] = ESCAPE_STANDARD;
            codes['\f'] = ESCAPE_STANDARD;
            codes[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029 || Character.isSurrogate((char) ch)) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
