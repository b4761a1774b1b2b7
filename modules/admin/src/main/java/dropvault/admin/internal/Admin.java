package dropvault.admin.internal;

import dropvault.cli.HelpText;
import dropvault.crypto.Cksum;
import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** The commands of dropvault-admin, each on the store of one data folder. */
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
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}]");

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
            new Command("files", "CLIENT", "the client's files: name, bytes, confirmed, where stored", false, 1, 1),
            new Command("verify", "[CLIENT]", "reads every stored file and version (of one client, or all), compares"
                    + " its size and cksum with its record and names each one that differs, is missing or"
                    + " unreadable; exit status 6 when any", false, 0, 1),
            new Command("export", "", "JSON lines: every client, then each of its files (no keys unless --keys)",
                    false, 0, 0),
            new Command("delete-client", "CLIENT", "removes the client's record, its file records and its files"
                    + " (needs --yes; refused while a server holds the store)", true, 1, 1));

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
                            + " the store as it is when they start); delete-client needs the server stopped."
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
            try (Store store = c.writes() ? folder.openForWriting() : folder.openForReading()) {
                return switch (c.name()) {
                    case "clients" -> clients(store, folder);
                    case "files" -> files(store, folder, client(store, arguments.getFirst()));
                    case "verify" -> verify(store, folder, arguments.isEmpty() ? null : arguments.getFirst(),
                            terminal && !line.hasOption(NO_PROGRESS));
                    case "export" -> export(store, folder, line.hasOption(KEYS));
                    case "delete-client" -> deleteClient(store, folder, client(store, arguments.getFirst()));
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

    /** A client by its 32 hex digits of id, else by name. */
    static ClientRecord client(Store store, String nameOrId) throws StoreException, AdminException {
        if (nameOrId.length() == 32 && nameOrId.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            Optional<ClientRecord> byId = store.client(ClientId.fromHex(nameOrId));
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        return store.clientByName(nameOrId).orElseThrow(() -> new AdminException(ExitStatus.NO_SUCH_CLIENT,
                "no client named or numbered '" + printable(nameOrId) + "'"));
    }

    private int clients(Store store, DataFolder folder) throws StoreException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "ID", "LAST SEEN", "FILES", "BYTES"});
        for (ClientRecord c : store.clients()) {
            List<FileRecord> files = store.files(c.id());
            long bytes = 0;
            for (FileRecord f : files) {
                bytes += size(folder, f.pathName()).orElse(0);
            }
            rows.add(new String[] {printable(c.name()), c.id().hex(), c.lastSeen().truncatedTo(ChronoUnit.SECONDS)
                    .toString(), Integer.toString(files.size()), Long.toString(bytes)});
        }
        table(rows);
        return ExitStatus.OK.code();
    }

    private int files(Store store, DataFolder folder, ClientRecord client) throws StoreException {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FILE", "BYTES", "CONFIRMED", "STORED AS"});
        for (FileRecord f : store.files(client.id())) {
            rows.add(new String[] {printable(f.fileName()), size(folder, f.pathName()).stream().mapToObj(Long::toString)
                    .findFirst().orElse("missing"), f.verified() ? "yes" : "no", printable(f.pathName())});
        }
        table(rows);
        return ExitStatus.OK.code();
    }

    private int export(Store store, DataFolder folder, boolean withKeys) throws StoreException {
        Base64.Encoder base64 = Base64.getEncoder();
        for (ClientRecord c : store.clients()) {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("type", "client");
            client.put("id", c.id().hex());
            client.put("name", c.name());
            client.put("last_seen", c.lastSeen().toString());
            client.put("has_key", c.publicKey().isPresent());
            if (withKeys) {
                client.put("public_key", c.publicKey().map(base64::encodeToString).orElse(null));
                client.put("aes_key", c.aesKey().map(base64::encodeToString).orElse(null));
            }
            out.println(Json.object(client));
            for (FileRecord f : store.files(c.id())) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("type", "file");
                file.put("client", c.id().hex());
                file.put("name", f.fileName());
                file.put("path", f.pathName());
                file.put("verified", f.verified());
                file.put("bytes", size(folder, f.pathName()).stream().boxed().findFirst().orElse(null));
                out.println(Json.object(file));
            }
        }
        out.flush();
        return ExitStatus.OK.code();
    }

    /** One stored file to check: a file record or a version, with what its record says. */
    private record Check(String what, String pathName, long size, long cksum, boolean verified) {
    }

    private int verify(Store store, DataFolder folder, String only, boolean progress)
            throws StoreException, AdminException {
        List<ClientRecord> clients = only == null ? store.clients() : List.of(client(store, only));
        List<Check> all = new ArrayList<>();
        int fileCount = 0;
        long totalBytes = 0;
        for (ClientRecord c : clients) {
            for (FileRecord f : store.files(c.id())) {
                String what = c.id().hex() + " " + printable(f.fileName());
                all.add(new Check(what, f.pathName(), f.size(), f.cksum(), f.verified()));
                fileCount++;
                totalBytes += size(folder, f.pathName()).orElse(0);
                for (FileVersion v : store.versions(c.id(), f.fileName())) {
                    all.add(new Check(what + " version " + v.number(), v.pathName(), v.size(), v.cksum(), true));
                    totalBytes += size(folder, v.pathName()).orElse(0);
                }
            }
        }
        ProgressBar bar = progress ? new ProgressBar(err, System::nanoTime, all.size(), totalBytes) : null;
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long bytes = 0;
        int done = 0;
        byte[] buffer = new byte[1 << 16];
        for (Check f : all) {
            String where = f.what() + " (" + printable(f.pathName()) + ")";
            Optional<Path> path = resolve(folder, f.pathName());
            if (path.isEmpty()) {
                problems.add("outside the data folder: " + where);
            } else {
                Cksum cksum = new Cksum();
                boolean read = false;
                try (InputStream in = Files.newInputStream(path.get())) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        cksum.update(buffer, 0, n);
                        bytes += n;
                        if (bar != null) {
                            bar.update(done, bytes);
                        }
                    }
                    read = true;
                } catch (NoSuchFileException e) {
                    problems.add("missing: " + where);
                } catch (IOException e) {
                    problems.add("unreadable: " + where + ": " + e.getMessage());
                }
                if (read) {
                    if (f.size() == FileRecord.UNKNOWN || f.cksum() == FileRecord.UNKNOWN) {
                        notes.add("size and cksum not recorded (an older store): " + where);
                    }
                    if (f.size() != FileRecord.UNKNOWN && f.size() != cksum.length()) {
                        problems.add("size differs: " + where + ": " + f.size() + " bytes recorded, "
                                + cksum.length() + " stored");
                    } else if (f.cksum() != FileRecord.UNKNOWN && f.cksum() != cksum.value()) {
                        problems.add("cksum differs: " + where + ": " + f.cksum() + " recorded, " + cksum.value()
                                + " stored");
                    }
                }
                if (!f.verified()) {
                    problems.add("never confirmed by its client: " + f.what());
                }
            }
            done++;
            if (bar != null) {
                bar.update(done, bytes);
            }
        }
        if (bar != null) {
            bar.finish();
        }
        notes.forEach(out::println);
        problems.forEach(out::println);
        out.println("checked " + fileCount + " files and " + (all.size() - fileCount) + " versions of " + clients.size()
                + " clients, " + bytes + " bytes read: " + (problems.isEmpty() ? "no problems"
                : problems.size() + (problems.size() == 1 ? " problem" : " problems")));
        out.flush();
        return problems.isEmpty() ? ExitStatus.OK.code() : ExitStatus.DAMAGED.code();
    }

    private int deleteClient(Store store, DataFolder folder, ClientRecord client) throws StoreException, IOException {
        int records = store.files(client.id()).size();
        if (!store.deleteClient(client.id())) {
            throw new IllegalStateException("the client " + client.id().hex() + " vanished while it was deleted");
        }
        // after the records: a crash in between leaves files no record names, never a record without its file
        Path own = folder.dir().resolve("files").resolve(client.id().hex());
        int removed = 0;
        if (Files.isDirectory(own)) {
            try (Stream<Path> s = Files.walk(own)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isRegularFile(p)) {
                        removed++;
                    }
                    Files.delete(p);
                }
            }
        }
        out.println("deleted client " + printable(client.name()) + " (" + client.id().hex() + "): " + records
                + " file records, " + removed + " files");
        return ExitStatus.OK.code();
    }

    /** Where the record's file is, when that is inside the data folder. */
    private static Optional<Path> resolve(DataFolder folder, String pathName) {
        try {
            Path base = folder.dir().toAbsolutePath().normalize();
            Path p = base.resolve(pathName).normalize();
            return p.startsWith(base) && !p.equals(base) ? Optional.of(p) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static java.util.OptionalLong size(DataFolder folder, String pathName) {
        Optional<Path> p = resolve(folder, pathName);
        if (p.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(Files.size(p.get()));
        } catch (IOException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** Columns padded to their widest cell, two spaces apart. */
    private void table(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                b.append(i == r.length - 1 ? r[i] : String.format("%-" + widths[i] + "s  ", r[i]));
            }
            out.println(b.toString().stripTrailing());
        }
        out.flush();
    }

    /** Text from the wire (names) with control characters as '?', so it cannot break a line or a terminal. */
    static String printable(String s) {
        return CONTROL.matcher(s).replaceAll("?");
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

    /** Whether stderr is a terminal (a progress bar belongs only there). */
    public static boolean stderrIsTerminal() {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return false;
        }
        Path stderr = Path.of("/proc/self/fd/2");
        if (!Files.isSymbolicLink(stderr)) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(stderr).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
