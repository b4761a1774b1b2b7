package dropvault.client.internal.cli;

import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * What dropvault-client does besides the original client's one upload: the first argument names it, the
 * connection options are the same, and each adds its own.
 */
enum Subcommand {
    LIST("list", "", "Lists this client's files on the server and the versions kept of each (the retrieval"
            + " extension). Reconnects with me.info and priv.key; never registers."),
    GET("get", "NAME", "Brings a file back (NAME as the list shows it) into the working directory under its base"
            + " name, or into -o PATH. The file appears only once its cksum matched; an existing one is replaced"
            + " only with --force."),
    RESTORE("restore", "NAME --version N", "Makes version N of a file its current content again; what was current"
            + " is kept as a version."),
    SEND("send", "FILE...", "Sends several files in one session, each confirmed before the next.");

    static final String OUTPUT = "output";
    static final String FORCE = "force";
    /** --version N: a file's version; without a subcommand --version prints the client's version. */
    static final String FILE_VERSION = ClientOptions.VERSION;

    private final String word;
    private final String operands;
    private final String description;

    Subcommand(String word, String operands, String description) {
        this.word = word;
        this.operands = operands;
        this.description = description;
    }

    String word() {
        return word;
    }

    String usage() {
        return CliApp.COMMAND + " " + word + " [options]" + (operands.isEmpty() ? "" : " " + operands);
    }

    String description() {
        return description;
    }

    /** A subcommand and the command line without its word. */
    record Found(Subcommand sub, String[] args) {
    }

    /**
     * The subcommand the first argument that is no option names (connection options may come before it,
     * {@code --server X list}), with the rest of the command line; empty for the original client's.
     */
    static Optional<Found> of(String[] args) {
        int at;
        try {
            CommandLine cl = DefaultParser.builder().get().parse(ClientOptions.all(), args, true);
            at = args.length - cl.getArgList().size();
        } catch (ParseException e) {
            at = 0;
        }
        if (at >= args.length) {
            return Optional.empty();
        }
        String word = args[at];
        int index = at;
        return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst().map(s -> {
            String[] rest = new String[args.length - 1];
            System.arraycopy(args, 0, rest, 0, index);
            System.arraycopy(args, index + 1, rest, index, args.length - index - 1);
            return new Found(s, rest);
        });
    }

    /** The connection options of every run, without --file and --version, and this subcommand's own. */
    Options options() {
        Options o = new Options();
        ClientOptions.all().getOptions().stream()
                .filter(opt -> !opt.getLongOpt().equals(ClientOptions.FILE) && !opt.getLongOpt().equals(ClientOptions.VERSION))
                .forEach(o::addOption);
        if (this == GET || this == RESTORE) {
            o.addOption(Option.builder().longOpt(FILE_VERSION).hasArg().argName("N").desc(this == GET
                    ? "a kept version (1, 2, ... as the list shows them) instead of the current content"
                    : "the kept version to make current").get());
        }
        if (this == GET) {
            o.addOption(Option.builder("o").longOpt(OUTPUT).hasArg().argName("PATH")
                    .desc("where to write the file (default: its base name in the working directory)").get());
            o.addOption(Option.builder().longOpt(FORCE).desc("replace an existing file at the output path").get());
        }
        return o;
    }
}
