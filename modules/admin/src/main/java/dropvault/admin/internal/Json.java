package dropvault.admin.internal;

import java.util.Map;

/** One JSON object a line, from ordered fields of strings, numbers, booleans and nulls. */
final class Json {
    private Json() {
    }

    static String object(Map<String, ?> fields) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            string(b, e.getKey());
            b.append(':');
            Object v = e.getValue();
            switch (v) {
                case null -> b.append("null");
                case Number n -> b.append(n);
                case Boolean bool -> b.append(bool);
                default -> string(b, v.toString());
            }
        }
        return b.append('}').toString();
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    // ASCII out: valid JSON whatever the terminal's or the file's encoding
                    if (c < 0x20 || c >= 0x7f) {
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
