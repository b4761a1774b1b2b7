package dropvault.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The {@code --help} of a dropvault command: usage, a description, the options and any further
 * sections of two columns (commands, exit statuses), wrapped at {@link #WIDTH} columns, every
 * wrapped line starting exactly under the first of its column, no trailing blanks. (Commons CLI's
 * own formatter indents wrapped lines unevenly.)
 */
public final class HelpText {
    /** Columns of the help: what a terminal shows without wrapping. */
    public static final int WIDTH = 80;
    private static final int INDENT = 2;
    private static final int GAP = 2;
    /** A first column wider than this puts its second column on the next line. */
    private static final int MAX_LABEL = 28;

    /** A titled list of rows: a short label and what it means. */
    public record Section(String title, List<Row> rows) {
        public Section {
            rows = List.copyOf(rows);
        }
    }

    public record Row(String label, String text) {
    }

    private final StringBuilder out = new StringBuilder();

    private HelpText() {
    }

    /** The whole help text, ending in a newline. */
    public static String of(String usage, String description, Options options, List<Section> sections) {
        HelpText h = new HelpText();
        h.wrap("Usage: " + usage, 0, "Usage: ".length());
        if (!description.isBlank()) {
            h.out.append('\n');
            h.wrap(description, 0, 0);
        }
        List<Section> all = new ArrayList<>();
        if (!options.getOptions().isEmpty()) {
            all.add(new Section("Options:", options.getOptions().stream()
                    .sorted(Comparator.comparing(HelpText::sortKey))
                    .map(o -> new Row(label(o), o.getDescription() == null ? "" : o.getDescription())).toList()));
        }
        all.addAll(sections);
        for (Section s : all) {
            h.out.append('\n').append(s.title()).append('\n');
            h.rows(s.rows());
        }
        return h.out.toString();
    }

    /** {@code -s, --server HOST:PORT}, or {@code     --dialect NAME} for an option with no short name. */
    static String label(Option o) {
        StringBuilder b = new StringBuilder();
        b.append(o.getOpt() != null ? "-" + o.getOpt() + (o.getLongOpt() != null ? ", " : "") : "    ");
        if (o.getLongOpt() != null) {
            b.append("--").append(o.getLongOpt());
        }
        if (o.hasArg()) {
            b.append(' ').append(o.getArgName() != null ? o.getArgName() : "VALUE");
        }
        return b.toString();
    }

    private static String sortKey(Option o) {
        return o.getLongOpt() != null ? o.getLongOpt() : o.getOpt();
    }

    private void rows(List<Row> rows) {
        int labelWidth = rows.stream().mapToInt(r -> r.label().length()).filter(n -> n <= MAX_LABEL).max().orElse(0);
        int column = INDENT + labelWidth + GAP;
        for (Row r : rows) {
            String label = " ".repeat(INDENT) + r.label();
            if (r.text().isBlank()) {
                out.append(label).append('\n');
            } else if (r.label().length() > labelWidth) {
                out.append(label).append('\n');
                wrap(r.text(), column, column);
            } else {
                out.append(label).append(" ".repeat(column - label.length()));
                wrapRest(r.text(), column, column);
            }
        }
    }

    /** Wraps {@code text}: its first line at {@code first} columns in, the others at {@code rest}. */
    private void wrap(String text, int first, int rest) {
        out.append(" ".repeat(first));
        wrapRest(text, first, rest);
    }

    /** Wraps {@code text} from the current column {@code at}, continuing at {@code rest}. */
    private void wrapRest(String text, int at, int rest) {
        int column = at;
        boolean lineEmpty = true;
        for (String word : text.strip().split("\\s+")) {
            if (!lineEmpty && column + 1 + word.length() > WIDTH) {
                out.append('\n').append(" ".repeat(rest));
                column = rest;
                lineEmpty = true;
            }
            if (!lineEmpty) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
            lineEmpty = false;
        }
        out.append('\n');
    }
}
