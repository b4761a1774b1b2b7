package dropvault.client.internal.cli;

import java.util.Arrays;
import java.util.Optional;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

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

    /** The subcommand the first argument names; empty for the original client's command line. */
    static Optional<Subcommand> of(String[] args) {
        if (args.length == 0) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(s -> s.word.equals(args[0])).findFirst();
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
