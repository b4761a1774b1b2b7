package dropvault.admin.internal;

import dropvault.cli.HelpText;
import dropvault.cli.TerminalWidth;
import dropvault.crypto.Cksum;
import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.OwnerOnly;
import dropvault.storage.Replacement;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
            try (Store store = c.writes() ? folder.openForWriting() : folder.openForReading()) {
                return switch (c.name()) {
                    case "clients" -> clients(store, folder);
                    case "files" -> files(store, folder, client(store, arguments.getFirst()));
                    case "verify" -> verify(store, folder, arguments.isEmpty() ? null : arguments.getFirst(),
                            terminal && !line.hasOption(NO_PROGRESS));
                    case "export" -> export(store, folder, line.hasOption(KEYS));
                    case "restore" -> restore(store, folder, client(store, arguments.getFirst()), arguments.get(1),
                            arguments.get(2));
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
        rows.add(new String[] {"FILE", "VERSION", "BYTES", "CKSUM", "CONFIRMED", "KEPT AT", "STORED AS"});
        for (FileRecord f : store.files(client.id())) {
            rows.add(new String[] {printable(f.fileName()), "current", bytes(folder, f.size(), f.pathName()),
                    cksum(f.cksum()), f.verified() ? "yes" : "no", "-", printable(f.pathName())});
            for (FileVersion v : store.versions(client.id(), f.fileName())) {
                rows.add(new String[] {printable(f.fileName()), Long.toString(v.number()),
                        bytes(folder, v.size(), v.pathName()), cksum(v.cksum()), "-",
                        v.keptAt().truncatedTo(ChronoUnit.MILLIS).toString(), printable(v.pathName())});
            }
        }
        table(rows);
        return ExitStatus.OK.code();
    }

    /** The recorded size; for a record without one, the size on disk; "missing" when neither. */
    private static String bytes(DataFolder folder, long recorded, String pathName) {
        if (recorded != FileRecord.UNKNOWN) {
            return Long.toString(recorded);
        }
        return size(folder, pathName).stream().mapToObj(Long::toString).findFirst().orElse("missing");
    }

    private static String cksum(long recorded) {
        return recorded == FileRecord.UNKNOWN ? "not recorded" : Long.toString(recorded);
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
                file.put("cksum", f.cksum() == FileRecord.UNKNOWN ? null : f.cksum());
                out.println(Json.object(file));
                for (FileVersion v : store.versions(c.id(), f.fileName())) {
                    Map<String, Object> version = new LinkedHashMap<>();
                    version.put("type", "version");
                    version.put("client", c.id().hex());
                    version.put("name", v.fileName());
                    version.put("number", v.number());
                    version.put("path", v.pathName());
                    version.put("bytes", v.size() == FileRecord.UNKNOWN ? null : v.size());
                    version.put("cksum", v.cksum() == FileRecord.UNKNOWN ? null : v.cksum());
                    version.put("kept_at", v.keptAt().toString());
                    out.println(Json.object(version));
                }
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
        ProgressBar bar = progress
                ? new ProgressBar(err, System::nanoTime, TerminalWidth.ofEnvironment(), all.size(), totalBytes) : null;
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

    /**
     * The version's bytes become the current file: copied to a temporary file beside it and made
     * durable, the current content given a second name in {@code .versions} (as the server keeps a
     * version), the copy renamed over the current file, then one store change records the file with
     * the version's size and cksum and the replaced content as its newest version. When the store
     * fails, the replaced content is put back.
     */
    private int restore(Store store, DataFolder folder, ClientRecord client, String fileName, String number)
            throws StoreException, AdminException, IOException {
        long wanted;
        try {
            wanted = Long.parseLong(number);
        } catch (NumberFormatException e) {
            wanted = 0;
        }
        if (wanted < 1) {
            throw new AdminException(ExitStatus.USAGE, "VERSION is a version's number (1, 2, ...; see files), not '"
                    + printable(number) + "'");
        }
        String what = printable(fileName) + " of client " + printable(client.name());
        FileRecord current = store.file(client.id(), fileName).orElseThrow(() -> new AdminException(
                ExitStatus.NO_SUCH_FILE, "no file " + what));
        long n = wanted;
        FileVersion version = store.versions(client.id(), fileName).stream().filter(v -> v.number() == n).findFirst()
                .orElseThrow(() -> new AdminException(ExitStatus.NO_SUCH_FILE, "no version " + n + " of " + what
                        + " (see files)"));
        Path own = folder.dir().toAbsolutePath().normalize().resolve("files").resolve(client.id().hex());
        Path source = resolve(folder, version.pathName()).filter(p -> p.startsWith(own)).orElseThrow(
                () -> new AdminException(ExitStatus.DAMAGED, "version " + n + " of " + what
                        + " is recorded outside the client's folder: " + printable(version.pathName())));
        Path target = resolve(folder, current.pathName()).filter(p -> p.startsWith(own)).orElseThrow(
                () -> new AdminException(ExitStatus.DAMAGED, what + " is recorded outside the client's folder: "
                        + printable(current.pathName())));
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new AdminException(ExitStatus.DAMAGED, "the current " + what + " is missing ("
                    + printable(current.pathName()) + "): nothing changed; copy the version by hand (README)");
        }
        Path temporary = Files.createTempFile(target.getParent(), RESTORE_PREFIX, ".part");
        Path kept = null;
        boolean replaced = false;
        boolean recorded = false;
        try {
            Cksum cksum = copyDurably(source, temporary, what, n);
            if ((version.size() != FileRecord.UNKNOWN && version.size() != cksum.length())
                    || (version.cksum() != FileRecord.UNKNOWN && version.cksum() != cksum.value())) {
                throw new AdminException(ExitStatus.DAMAGED, "version " + n + " of " + what + " is not as recorded ("
                        + cksum.length() + " bytes, cksum " + cksum.value() + "; recorded " + version.size()
                        + " bytes, cksum " + version.cksum() + "): nothing changed");
            }
            kept = newVersionPath(target, Instant.now());
            secondName(target, kept);
            forceDirectory(kept.getParent());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            replaced = true;
            forceDirectory(target.getParent());
            Replacement replacement = store.putFile(new FileRecord(client.id(), fileName, current.pathName(), true,
                    cksum.length(), cksum.value()), relative(folder, kept), Instant.now(), folder.policy());
            recorded = true;
            removeDropped(store, folder, client, kept, replacement);
            out.println("restored " + what + " to version " + n + " (" + cksum.length() + " bytes, cksum "
                    + cksum.value() + ")" + replacement.kept().map(v -> "; what it replaced is version " + v.number())
                    .orElse("; what it replaced is not kept (versions.keep is 0)")
                    + (replacement.pruned().isEmpty() ? "" : "; versions dropped under the settings: "
                    + replacement.pruned().stream().map(v -> Long.toString(v.number())).toList()));
            out.flush();
            return ExitStatus.OK.code();
        } catch (StoreException | IOException | RuntimeException | AdminException e) {
            if (!recorded) {
                undoRestore(temporary, target, kept, replaced, e);
            }
            throw e;
        }
    }

    /** The temporary copy a restore makes: the server removes one a crash left (no writer named in it). */
    private static final String RESTORE_PREFIX = ".upload-restore-";
    private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String VERSIONS = ".versions";

    /** Copies {@code from} to {@code to} and forces it to disk; returns the cksum of what was copied. */
    private static Cksum copyDurably(Path from, Path to, String what, long n) throws AdminException, IOException {
        Cksum cksum = new Cksum();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS);
             FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            int r;
            while ((r = in.read(buffer)) > 0) {
                cksum.update(buffer, 0, r);
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, r);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.force(true);
        } catch (NoSuchFileException e) {
            throw new AdminException(ExitStatus.DAMAGED, "the file of version " + n + " of " + what + " is missing: "
                    + e.getFile() + ": nothing changed");
        }
        return cksum;
    }

    /** Where the server would keep a version of {@code target} made {@code now}: its safe name and the UTC time. */
    private static Path newVersionPath(Path target, Instant now) throws IOException {
        Path folder = target.getParent().resolve(VERSIONS);
        OwnerOnly.createFolders(folder);
        String stem = target.getFileName() + "@" + VERSION_TIME.format(now);
        Path candidate = folder.resolve(stem);
        for (int i = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); i++) {
            candidate = folder.resolve(stem + "-" + i);
        }
        return candidate;
    }

    /** A hard link to {@code existing} at {@code name}; a copy where links are not supported. */
    private static void secondName(Path existing, Path name) throws IOException {
        try {
            Files.createLink(name, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, name, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Puts back what the restore replaced, and removes what it made. */
    private static void undoRestore(Path temporary, Path target, Path kept, boolean replaced, Exception cause) {
        try {
            if (replaced) {
                Files.move(kept, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                forceDirectory(target.getParent());
            } else if (kept != null) {
                Files.deleteIfExists(kept);
            }
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Deletes the files of the versions the store dropped (and of one it did not keep) that no record uses. */
    private static void removeDropped(Store store, DataFolder folder, ClientRecord client, Path kept,
                                      Replacement replacement) {
        List<String> dropped = new ArrayList<>(replacement.pruned().stream().map(FileVersion::pathName).toList());
        if (replacement.kept().isEmpty()) {
            dropped.add(relative(folder, kept));
        }
        java.util.Set<String> inUse = new java.util.HashSet<>();
        try {
            store.files(client.id()).forEach(f -> inUse.add(f.pathName()));
        } catch (StoreException e) {
            return; // the files of dropped versions stay: old content, safe to delete
        }
        for (String pathName : dropped) {
            Optional<Path> p = resolve(folder, pathName);
            if (p.isPresent() && !inUse.contains(pathName)) {
                try {
                    Files.deleteIfExists(p.get());
                } catch (IOException e) {
                    // the record is gone; a file left over holds old content and is safe to delete
                }
            }
        }
    }

    private static String relative(DataFolder folder, Path path) {
        Path base = folder.dir().toAbsolutePath().normalize();
        return base.relativize(path.toAbsolutePath().normalize()).toString().replace(path.getFileSystem()
                .getSeparator(), "/");
    }

    /** Makes a rename durable: fsync of the folder that holds it (a no-op where folders cannot be opened). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every file system lets a folder be opened
        }
    }

    private int deleteClient(Store store, DataFolder folder, ClientRecord client) throws StoreException, IOException {
        List<FileRecord> files = store.files(client.id());
        int records = files.size();
        int versions = 0;
        for (FileRecord f : files) {
            versions += store.versions(client.id(), f.fileName()).size();
        }
        if (!store.deleteClient(client.id())) {
            throw new IllegalStateException("the client " + client.id().hex() + " vanished while it was deleted");
        }
        // files/<id>/ holds .versions/ too; after the records: a crash in between leaves files no record
        // names, never a record without its file
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
                + " file records, " + versions + " versions, " + removed + " files");
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
}
