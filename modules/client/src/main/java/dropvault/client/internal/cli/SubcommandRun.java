package dropvault.client.internal.cli;

import dropvault.cli.TerminalWidth;
import dropvault.client.TransferInfo;
import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.client.UploadResult;
import dropvault.client.VaultClient;
import dropvault.retrieval.ContentHeader;
import dropvault.retrieval.FileRow;
import dropvault.retrieval.Restored;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** Runs one {@link Subcommand}: its operands checked, a {@link VaultClient} session, what it printed, its exit status. */
final class SubcommandRun {
    /** The name a client that only reconnects goes by until me.info gives its own. */
    private static final String NAME_OF_ME_INFO = "me.info";

    private final Subcommand sub;
    private final Path workDir;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    SubcommandRun(Subcommand sub, Path workDir, PrintStream out, PrintStream err, boolean terminal) {
        this.sub = sub;
        this.workDir = workDir;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** @throws IllegalArgumentException for a bad command line */
    ExitStatus run(CommandLine cl) {
        List<String> operands = cl.getArgList();
        CliSettings settings = CliSettings.withOperands(cl);
        long version = version(cl);
        switch (sub) {
            case LIST -> requireOperands(operands, 0, 0);
            case GET -> requireOperands(operands, 1, 1);
            case RESTORE -> {
                requireOperands(operands, 1, 1);
                if (version < 1) {
                    throw new IllegalArgumentException("restore: --version N names the kept version to make current");
                }
            }
            case SEND -> requireOperands(operands, 1, Integer.MAX_VALUE);
        }
        settings = settings.withFile(sub == Subcommand.SEND ? operands.getFirst() : ".");
        if (sub != Subcommand.SEND) {
            settings = settings.withNameIfNone(NAME_OF_ME_INFO);
        }
        UploadConfig config;
        try {
            TransferInfo info = settings.needsTransferInfo()
                    ? TransferInfo.read(workDir.resolve(TransferInfo.FILE_NAME)) : null;
            config = settings.toConfig(info, workDir);
        } catch (IOException e) {
            err.println("Fatal: cannot read " + TransferInfo.FILE_NAME + " (" + e.getMessage() + "); give --server"
                    + (sub == Subcommand.SEND ? " and --name" : "") + ", or write it");
            return ExitStatus.LOCAL_FILE;
        }
        ProgressBar bar = terminal && !settings.quiet() && !settings.noProgress()
                ? new ProgressBar(err, System::nanoTime, TerminalWidth.ofEnvironment()) : null;
        // list's standard output is the list alone, for scripts: its steps go to stderr
        ConsoleListener listener = new ConsoleListener(sub == Subcommand.LIST ? err : out, err, settings.quiet(), bar);
        try (VaultClient client = new VaultClient(config, settings.cryptoSuite(0), listener)) {
            switch (sub) {
                case LIST -> printList(client.list());
                case GET -> get(client, operands.getFirst(), version, cl, listener);
                case RESTORE -> {
                    Restored r = client.restore(operands.getFirst(), version);
                    listener.info("restored " + r.name() + " version " + r.restored() + " as its current content"
                            + (r.keptAs() == 0 ? "" : "; what it held is version " + r.keptAs()));
                }
                case SEND -> {
                    for (UploadResult r : client.send(operands.stream().map(workDir::resolve).toList())) {
                        listener.info(CliApp.sent(r));
                    }
                }
            }
            return ExitStatus.OK;
        } catch (UploadException e) {
            err.println("Fatal: " + e.getMessage());
            return ExitStatus.of(e.failure());
        } catch (dropvault.crypto.CryptoProviderUnavailableException e) {
            err.println(CliApp.COMMAND + ": --crypto: " + e.getMessage());
            return ExitStatus.USAGE;
        }
    }

    private void get(VaultClient client, String name, long version, CommandLine cl, ConsoleListener listener)
            throws UploadException {
        String output = cl.getOptionValue(Subcommand.OUTPUT);
        Path target = workDir.resolve(output != null ? output : baseName(name));
        ContentHeader h = client.get(name, version, target, cl.hasOption(Subcommand.FORCE));
        listener.info("received " + h.name() + (h.version() == 0 ? "" : " version " + h.version()) + ": " + h.size()
                + " bytes, cksum " + h.cksum() + ", into " + target);
    }

    /** The last segment of a stored name: where a download goes without -o. */
    static String baseName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            throw new IllegalArgumentException("get: '" + name + "' has no base name to write to; give -o PATH");
        }
        return base;
    }

    /** Rows of the list: version, size, cksum, confirmed, when stored (UTC), name. */
    private void printList(List<FileRow> rows) {
        out.printf("%-8s %14s %10s %-9s %-20s %s%n", "VERSION", "SIZE", "CKSUM", "CONFIRMED", "STORED", "NAME");
        for (FileRow r : rows) {
            boolean known = r.size() >= 0;
            out.printf("%-8s %14s %10s %-9s %-20s %s%n", r.current() ? "current" : Long.toString(r.version()),
                    known ? Long.toString(r.size()) : "?", known ? Long.toString(r.cksum()) : "?",
                    r.current() ? (r.confirmed() ? "yes" : "no") : "-",
                    r.written().truncatedTo(ChronoUnit.SECONDS).toString(), r.name());
        }
        out.flush();
    }

    private static long version(CommandLine cl) {
        if (!cl.hasOption(Subcommand.FILE_VERSION)) {
            return 0;
        }
        String v = cl.getOptionValue(Subcommand.FILE_VERSION).strip();
        try {
            long n = Long.parseLong(v);
            if (n >= 1 && n <= 0xFFFF_FFFFL) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--version: a version number from 1, as the list shows it, not '" + v + "'");
    }

    private void requireOperands(List<String> operands, int min, int max) {
        if (operands.size() < min || operands.size() > max) {
            throw new IllegalArgumentException(sub.word() + ": " + (operands.size() < min ? "missing " : "unexpected ")
                    + (operands.size() < min ? "operand" : "argument '" + operands.get(max) + "'") + "; usage: "
                    + sub.usage());
        }
    }
}
