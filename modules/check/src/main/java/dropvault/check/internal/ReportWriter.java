package dropvault.check.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The three forms of a report: a table for people, JSON and JUnit XML for pipelines. */
public final class ReportWriter {
    private static final int EVIDENCE_WIDTH = 100;

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
        StringBuilder b = new StringBuilder();
        // exactly the two keys of the schema
        boolean none = r.dialect() == null || r.dialect().dialect().equals(ServerSuite.NONE);
        b.append("{\n  \"dialect\": ").append(none ? "null" : r.dialect().json())
                .append(",\n  \"checks\": [");
        for (int i = 0; i < r.checks().size(); i++) {
            CheckResult c = r.checks().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"id\": ").append(quote(c.id())).append(", \"section\": ")
                    .append(quote(c.section())).append(", \"status\": ").append(quote(c.status().label()))
                    .append(", \"evidence\": ").append(quote(c.evidence())).append('}');
        }
        return b.append("\n  ]\n}\n").toString();
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

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
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
}
