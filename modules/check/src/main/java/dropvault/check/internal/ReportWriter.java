package dropvault.check.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The three forms of a report: a table for people, JSON and JUnit XML for pipelines. */
public final class ReportWriter {
    private static final int EVIDENCE_WIDTH = 100;
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .characterEscapes(new ControlEscapes())
            .build();

    private ReportWriter() {
    }

    public static void table(Report r, PrintStream out) {
        out.printf(Locale.ROOT, "dropvault-check %s %s%n", r.mode(), r.target());
        if (r.dialect() != null && r.dialect().dialect().equals(ServerSuite.NONE)) {
            out.println("dialect: " + ServerSuite.NONE.name() + " (no dialect completed a session)");
        } else if (r.dialect() != null) {
            WireDialect d = r.dialect();
            out.printf(Locale.ROOT, "dialect: %s (first packet %d, padded payloads %s, per-packet encryption %s,"
                            + " swapped fields %s, chunk %d, unpadded names %s)%n", d.dialect().name(), d.firstPacket(),
                    d.paddedPayloads(), d.perPacketEncryption(), d.swappedFields(), d.chunk(), d.unpaddedNames());
        } else {
            out.println("dialect: unknown");
        }
        int idWidth = r.checks().stream().mapToInt(c -> c.id().length()).max().orElse(2);
        String row = "%-" + idWidth + "s  %-7s  %-6s  %s%n";
        out.printf(Locale.ROOT, row, "check", "section", "status", "evidence");
        for (CheckResult c : r.checks()) {
            String evidence = c.evidence().length() > EVIDENCE_WIDTH
                    ? c.evidence().substring(0, EVIDENCE_WIDTH - 3) + "..." : c.evidence();
            out.printf(Locale.ROOT, row, c.id(), c.section(), c.status().label(), evidence);
        }
        out.printf(Locale.ROOT, "%d checks: %d pass, %d warn, %d fail%n", r.checks().size(), r.count(Status.PASS),
                r.count(Status.WARN), r.count(Status.FAIL));
        out.println(r.passed() ? "result: ok" : "result: FAILED");
    }

    public static String json(Report r) {
        StringWriter out = new StringWriter();
        // exactly two keys: "dialect" and "checks"
        try (JsonGenerator g = FACTORY.createGenerator(out).setPrettyPrinter(new ReportLayout())) {
            g.writeStartObject();
            g.writeFieldName("dialect");
            WireDialect d = r.dialect();
            if (d == null || d.dialect().equals(ServerSuite.NONE)) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeNumberField("first_packet", d.firstPacket());
                g.writeBooleanField("padded_payloads", d.paddedPayloads());
                g.writeBooleanField("per_packet_encryption", d.perPacketEncryption());
                g.writeBooleanField("swapped_fields", d.swappedFields());
                g.writeNumberField("chunk", d.chunk());
                g.writeBooleanField("unpadded_names", d.unpaddedNames());
                g.writeEndObject();
            }
            g.writeArrayFieldStart("checks");
            for (CheckResult c : r.checks()) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("section", c.section());
                g.writeStringField("status", c.status().label());
                g.writeStringField("evidence", c.evidence());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    public static String junit(Report r) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuite name=\"").append(xml("dropvault-check " + r.mode() + " " + r.target()))
                .append("\" tests=\"").append(r.checks().size()).append("\" failures=\"").append(r.count(Status.FAIL))
                .append("\" errors=\"0\" skipped=\"0\">\n");
        for (CheckResult c : r.checks()) {
            b.append("  <testcase classname=\"dropvault-check.").append(xml(r.mode())).append("\" name=\"")
                    .append(xml(c.id() + " (" + c.section() + ")")).append("\"");
            switch (c.status()) {
                case PASS -> b.append("/>\n");
                case WARN -> b.append(">\n    <system-out>").append(xml("warn: " + c.evidence()))
                        .append("</system-out>\n  </testcase>\n");
                case FAIL -> b.append(">\n    <failure message=\"").append(xml(c.evidence())).append("\"/>\n  </testcase>\n");
            }
        }
        return b.append("</testsuite>\n").toString();
    }

    public static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String xml(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch < 0x20 && ch != '\t' ? ' ' : ch);
            }
        }
        return b.toString();
    }

    /** \b and \f as \\u escapes too: only \", \\, \n, \r and \t have short forms. */
    private static final class ControlEscapes extends CharacterEscapes {
        private final int[] codes = standardAsciiEscapesForJSON();

        ControlEscapes() {
            codes['\b'] = ESCAPE_STANDARD;
            codes['\f'] = ESCAPE_STANDARD;
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

    /** The top object and the checks' array a line an entry, indented by two; the objects in them on one line. */
    private static final class ReportLayout implements PrettyPrinter {
        private int depth;

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            depth++;
            g.writeRaw('{');
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            if (depth == 1) {
                g.writeRaw("\n  ");
            }
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(depth == 1 ? ",\n  " : ", ");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw(depth-- == 1 ? "\n}" : "}");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            depth++;
            g.writeRaw('[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            g.writeRaw("\n    ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n    ");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            depth--;
            g.writeRaw("\n  ]");
        }
    }
}
