package dropvault.admin.internal;

import static dropvault.admin.internal.Records.client;

import dropvault.cli.HelpText;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The command line of dropvault-admin: its options and commands, {@code --help}, and which command
 * class runs each command on the store of one data folder.
 */
public final class Admin {
    static final String COMMAND = "dropvault-admin";
    static final String DATA = "data";
    static final String CONFIG = "config";
    static final String KEYS = "keys";
    static final String YES = "yes";
    static final String NO_PROGRESS = "no-progress";
    static final String HELP = "help";
    static final String VERSION = "version";
    private static final String HOME_PROPERTY = "dropvault.home";

    static final Options OPTIONS = new Options()
            .addOption(Option.builder("d").longOpt(DATA).hasArg().argName("DIR")
                    .desc("the data folder (default: data of the configuration, else data)").get())
            .addOption(Option.builder("c").longOpt(CONFIG).hasArg().argName("FILE")
                    .desc("server properties naming the store and its options (default: conf/server.properties"
                            + " of the distribution)").get())
            .addOption(Option.builder().longOpt(KEYS)
                    .desc("export: include each client's public key and AES key (secrets: keep the output safe)").get())
            .addOption(Option.builder().longOpt(YES).desc("delete-client: really delete").get())
            .addOption(Option.builder().longOpt(NO_PROGRESS).desc("verify: no progress bar, even on a terminal").get())
            .addOption(Option.builder("h").longOpt(HELP).desc("print this help and exit").get())
            .addOption(Option.builder("V").longOpt(VERSION).desc("print the version and exit").get());

    /** A command: its name, its arguments, what it does, and whether it changes the store. */
    record Command(String name, String arguments, String description, boolean writes, int minArgs, int maxArgs) {
    }

    static final List<Command> COMMANDS = List.of(
            new Command("clients", "", "each client: name, id, last seen, files, bytes", false, 0, 0),
            new Command("files", "CLIENT", "the client's files, each with its versions: name, version, bytes,"
                    + " cksum, confirmed, kept at, where stored", false, 1, 1),
            new Command("verify", "[CLIENT]", "reads every stored file and version (of one client, or all), compares"
                    + " its size and cksum with its record and names each one that differs, is missing or"
                    + " unreadable; exit status 6 when any", false, 0, 1),
            new Command("restore", "CLIENT FILE VERSION", "makes the version (its number in files) the client's"
                    + " current FILE; the content it replaces becomes a new version, so nothing is lost"
                    + " (refused while a server holds the store)", true, 3, 3),
            new Command("export", "", "JSON lines: every client, then each of its files and their versions"
                    + " (no public keys unless --keys)",
                    false, 0, 0),
            new Command("delete-client", "CLIENT", "removes the client's record, its file records, its"
                    + " versions and their files (needs --yes; refused while a server holds the store)", true, 1, 1));

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Path workDir;

    public Admin(PrintStream out, PrintStream err, boolean terminal, Path workDir) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.workDir = workDir;
    }

    /** Runs one command line; returns the exit status. */
    public int run(String[] args) {
        CommandLine line;
        try {
            line = DefaultParser.builder().get().parse(OPTIONS, args);
        } catch (ParseException e) {
            return usage(e.getMessage());
        }
        if (line.hasOption(HELP)) {
            out.print(HelpText.of(COMMAND + " [options] COMMAND [ARGUMENTS]",
                    "Reads and repairs the data folder of a dropvault server, with the store its configuration"
                            + " names. The commands that only read work while a server runs (they read a copy of"
                            + " the store as it is when they start); restore and delete-client need the server"
                            + " stopped."
                            + " CLIENT is a client's name or its id (32 hex digits).",
                    OPTIONS, List.of(new HelpText.Section("Commands:", commandHelp()),
                            new HelpText.Section("Exit status:", exitStatusHelp()))));
            out.flush();
            return ExitStatus.OK.code();
        }
        if (line.hasOption(VERSION)) {
            out.println(COMMAND + " " + version());
            return ExitStatus.OK.code();
        }
        List<String> rest = line.getArgList();
        if (rest.isEmpty()) {
            return usage("no command");
        }
        Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(rest.getFirst())).findFirst();
        if (command.isEmpty()) {
            return usage("no command '" + rest.getFirst() + "'");
        }
        Command c = command.get();
        List<String> arguments = rest.subList(1, rest.size());
        if (arguments.size() < c.minArgs() || arguments.size() > c.maxArgs()) {
            return usage(c.name() + " takes " + (c.arguments().isEmpty() ? "no arguments" : c.arguments()));
        }
        try {
            DataFolder folder = DataFolder.of(config(line), line.hasOption(DATA) ? Path.of(line.getOptionValue(DATA))
                    : null, workDir);
            if (c.name().equals("delete-client") && !line.hasOption(YES)) {
                return usage("delete-client removes the client and every file it stored, for good: add --yes");
            }
            try (folder; Store store = c.writes() ? folder.openForWriting() : folder.openForReading()) {
                return switch (c.name()) {
                    case "clients" -> new ListCommands(out).clients(store, folder);
                    case "files" -> new ListCommands(out).files(store, folder, client(store, arguments.getFirst()));
                    case "verify" -> new VerifyCommand(out, err).run(store, folder,
                            arguments.isEmpty() ? null : arguments.getFirst(), terminal && !line.hasOption(NO_PROGRESS));
                    case "export" -> new ExportCommand(out).run(store, folder, line.hasOption(KEYS));
                    case "restore" -> new RestoreCommand(out).run(store, folder, client(store, arguments.getFirst()),
                            arguments.get(1), arguments.get(2));
                    case "delete-client" -> new DeleteClientCommand(out).run(store, folder,
                            client(store, arguments.getFirst()));
                    default -> throw new IllegalStateException("no code for command " + c.name());
                };
            }
        } catch (AdminException e) {
            err.println(COMMAND + ": " + e.getMessage());
            return e.status().code();
        } catch (StoreException e) {
            err.println(COMMAND + ": the store failed: " + e.getMessage());
            return ExitStatus.STORE.code();
        } catch (IOException | UncheckedIOException e) {
            err.println(COMMAND + ": " + e);
            return ExitStatus.STORE.code();
        } catch (RuntimeException e) {
            err.println(COMMAND + ": internal error: " + e);
            e.printStackTrace(err);
            return ExitStatus.INTERNAL_ERROR.code();
        }
    }

    private int usage(String message) {
        err.println(COMMAND + ": " + message + " (try --help)");
        return ExitStatus.USAGE.code();
    }

    /** {@code --config FILE}, else the distribution's conf/server.properties when there is one, else none. */
    private static Path config(CommandLine line) throws AdminException {
        if (line.hasOption(CONFIG)) {
            Path file = Path.of(line.getOptionValue(CONFIG));
            if (!Files.isRegularFile(file)) {
                throw new AdminException(ExitStatus.STORE, "no config file " + file);
            }
            return file;
        }
        String home = System.getProperty(HOME_PROPERTY);
        Path file = home == null ? null : Path.of(home, "conf", "server.properties");
        return file != null && Files.isRegularFile(file) ? file : null;
    }

    private static List<HelpText.Row> commandHelp() {
        return COMMANDS.stream().map(c -> new HelpText.Row((c.name() + " " + c.arguments()).strip(), c.description()))
                .toList();
    }

    private static List<HelpText.Row> exitStatusHelp() {
        return Stream.of(ExitStatus.values()).map(s -> new HelpText.Row(Integer.toString(s.code()), s.meaning()))
                .toList();
    }

    static String version() {
        try (InputStream in = Admin.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
