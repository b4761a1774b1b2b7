package dropvault.client.internal.cli;

import dropvault.cli.HelpText;
import dropvault.cli.Terminal;
import dropvault.cli.TerminalWidth;
import dropvault.client.TransferInfo;
import dropvault.client.UploadClient;
import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.client.UploadResult;
import dropvault.crypto.CryptoSuite;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;

/** dropvault-client: parses the command line, fills in transfer.info, runs the upload, maps the outcome to an exit status. */
public final class CliApp {
    static final String COMMAND = "dropvault-client";

    private final Path workDir;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    /** {@code terminal}: whether stderr is a terminal (a progress bar is drawn only then). */
    public CliApp(Path workDir, PrintStream out, PrintStream err, boolean terminal) {
        this.workDir = workDir;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** The process's own working directory and streams. */
    public static CliApp forProcess() {
        return new CliApp(Path.of("").toAbsolutePath(), System.out, System.err, Terminal.stderrIsTerminal());
    }

    public int run(String[] args) {
        try {
            return runChecked(args).code();
        } catch (RuntimeException e) {
            err.println("Fatal: internal error: " + e);
            return ExitStatus.INTERNAL_ERROR.code();
        }
    }

    private ExitStatus runChecked(String[] args) {
        java.util.Optional<Subcommand.Found> sub = Subcommand.of(args);
        if (sub.isPresent()) {
            return runSubcommand(sub.get().sub(), sub.get().args());
        }
        CommandLine cl;
        CliSettings settings;
        try {
            cl = DefaultParser.builder().get().parse(ClientOptions.all(), args);
            if (cl.hasOption(ClientOptions.HELP)) {
                printHelp();
                return ExitStatus.OK;
            }
            if (cl.hasOption(ClientOptions.VERSION)) {
                out.println(COMMAND + " " + version() + " (protocol version 3)");
                return ExitStatus.OK;
            }
            settings = CliSettings.from(cl);
        } catch (ParseException | IllegalArgumentException e) {
            err.println(COMMAND + ": " + e.getMessage());
            err.println("Try '" + COMMAND + " --help'.");
            return ExitStatus.USAGE;
        }
        UploadConfig config;
        try {
            TransferInfo info = settings.needsTransferInfo() ? TransferInfo.read(workDir.resolve(TransferInfo.FILE_NAME)) : null;
            config = settings.toConfig(info, workDir);
        } catch (IOException e) {
            err.println("Fatal: cannot read " + TransferInfo.FILE_NAME + " (" + e.getMessage()
                    + "); give --server, --name and --file, or write it");
            return ExitStatus.LOCAL_FILE;
        }
        ProgressBar bar = terminal && !settings.quiet() && !settings.noProgress()
                ? new ProgressBar(err, System::nanoTime, TerminalWidth.ofEnvironment()) : null;
        ConsoleListener listener = new ConsoleListener(out, err, settings.quiet(), bar);
        CryptoSuite crypto;
        try {
            crypto = settings.cryptoSuite(sizeOf(config.file()));
        } catch (dropvault.crypto.CryptoProviderUnavailableException e) {
            err.println(COMMAND + ": --crypto: " + e.getMessage());
            return ExitStatus.USAGE;
        }
        try {
            listener.info(sent(new UploadClient(config, crypto, listener).upload()));
            return ExitStatus.OK;
        } catch (UploadException e) {
            err.println("Fatal: " + e.getMessage());
            return ExitStatus.of(e.failure());
        }
    }

    private ExitStatus runSubcommand(Subcommand sub, String[] args) {
        try {
            CommandLine cl = DefaultParser.builder().get().parse(sub.options(), args);
            if (cl.hasOption(ClientOptions.HELP)) {
                out.print(HelpText.of(sub.usage(), sub.description(), sub.options(), List.of()));
                out.flush();
                return ExitStatus.OK;
            }
            return new SubcommandRun(sub, workDir, out, err, terminal).run(cl);
        } catch (ParseException | IllegalArgumentException e) {
            err.println(COMMAND + " " + sub.word() + ": " + e.getMessage());
            err.println("Try '" + COMMAND + " " + sub.word() + " --help'.");
            return ExitStatus.USAGE;
        }
    }

    /** What a run says of each file the server confirmed. */
    static String sent(UploadResult r) {
        return "sent " + r.fileName() + ": " + r.originalSize() + " bytes, cksum " + r.cksum() + ", confirmed by the server";
    }

    /** The file's size, 0 when it cannot be read: the upload then says why. */
    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void printHelp() {
        out.print(HelpText.of(COMMAND + " [options] | list | get NAME | restore NAME --version N | send FILE...", "Sends a file, encrypted, to a dropvault server. Without options"
                        + " it does what the original client does: it reads transfer.info (host:port, name, file)"
                        + " in the working directory, reconnects with me.info and priv.key or registers and"
                        + " writes them, and sends the file. Options override transfer.info.",
                ClientOptions.all(), List.of(
                        new HelpText.Section("Subcommands (each has --help):", Stream.of(Subcommand.values())
                                .map(s -> new HelpText.Row(s.word(), s.description())).toList()),
                        new HelpText.Section("Exit status:", Stream.of(ExitStatus.values())
                                .map(s -> new HelpText.Row(Integer.toString(s.code()), s.meaning())).toList()))));
        out.flush();
    }

    static String version() {
        try (InputStream in = CliApp.class.getResourceAsStream("version.properties")) {
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
