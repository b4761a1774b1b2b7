package dropvault.admin.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** One JSON object a line, from ordered fields of strings, numbers, booleans and nulls; ASCII only. */
final class Json {
    // ASCII out: valid JSON whatever the terminal's or the file's encoding
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .characterEscapes(new AsciiEscapes())
            .build();

    private Json() {
    }

    static String object(Map<String, ?> fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, ?> e : fields.entrySet()) {
                g.writeFieldName(e.getKey());
                switch (e.getValue()) {
                    case null -> g.writeNull();
                    case Number n -> g.writeNumber(n.toString());
                    case Boolean b -> g.writeBoolean(b);
                    case Object v -> g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** \b, \f and DEL as \\u escapes too: only \", \\, \n, \r and \t have short forms. */
    private static final class AsciiEscapes extends CharacterEscapes {
        private final int[] codes = standardAsciiEscapesForJSON();

        AsciiEscapes() {
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
            return null;
        }
    }
}
