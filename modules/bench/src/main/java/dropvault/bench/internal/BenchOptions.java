package dropvault.bench.internal;

import dropvault.protocol.Protocol;
import java.time.Duration;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** The options of {@code dropvault-bench}, a constant per flag, and their reading into {@link BenchSettings}. */
final class BenchOptions {
    static final String SERVER = "server";
    static final String CLIENTS = "clients";
    static final String SESSIONS = "sessions";
    static final String SIZE = "size";
    static final String PACKET = "packet";
    static final String DIALECT = "dialect";
    static final String KEEP_CONNECTION = "keep-connection";
    static final String WARMUP = "warmup";
    static final String IDLE = "idle";
    static final String TIMEOUT = "timeout";
    static final String TLS = "tls";
    static final String TLS_FINGERPRINT = "tls-fingerprint";
    static final String HELP = "help";

    static final Options OPTIONS = new Options()
            .addOption(valued("s", SERVER, "HOST:PORT", "the server to load (required)"))
            .addOption(valued("c", CLIENTS, "C", "concurrent clients, each on a virtual thread (default 1)"))
            .addOption(valued("n", SESSIONS, "S", "sessions each client does (default 1)"))
            .addOption(valued("b", SIZE, "BYTES", "plaintext bytes each session uploads; suffixes k, m, g"
                    + " (powers of 1024) (default 1k)"))
            .addOption(valued(null, PACKET, "BYTES", "ciphertext bytes a packet, a multiple of 16 (default 1024;"
                    + " grown when the file would need more than 65,535 packets)"))
            .addOption(valued(null, DIALECT, "NAME", "spec (default): packets from 1; padded: 1291-byte payloads from 1;"
                        + " from-0, swapped and padded joined with +; seed: packets from 0,"
                    + " padded to 1291 payload bytes, any 1604 accepted"))
            .addOption(Option.builder().longOpt(KEEP_CONNECTION)
                    .desc("one connection per client for all its sessions: the first registers (825, 826), the"
                            + " others only upload and confirm (828..., 900), as a connection speaks for one client"
                            + " (default: a new connection and a new client per session)").get())
            .addOption(valued(null, WARMUP, "W", "untimed sessions each client does first (default 0)"))
            .addOption(valued(null, IDLE, "N", "silent connections held open during the run, checked at the end"
                    + " (default 0)"))
            .addOption(valued(null, TIMEOUT, "SECONDS", "connect and read timeout (default 60)"))
            .addOption(Option.builder().longOpt(TLS).desc("every connection inside TLS 1.3 (the server's"
                    + " certificate is not judged unless --tls-fingerprint names it); one client context for the"
                    + " whole run, so sessions resume where the server allows it").get())
            .addOption(valued(null, TLS_FINGERPRINT, "KEY", "with --tls: only a server of this fingerprint (SHA256:...)"))
            .addOption(Option.builder("h").longOpt(HELP).desc("print this help and exit").get());

    private BenchOptions() {
    }

    private static Option valued(String shortName, String longName, String argName, String description) {
        return Option.builder(shortName).longOpt(longName).hasArg().argName(argName).desc(description).get();
    }

    static CommandLine parse(String[] args) throws ParseException {
        CommandLine line = DefaultParser.builder().get().parse(OPTIONS, args);
        if (!line.getArgList().isEmpty()) {
            throw new ParseException("unexpected argument: " + line.getArgList().getFirst());
        }
        return line;
    }

    /** @throws IllegalArgumentException naming the option whose value is not valid */
    static BenchSettings settings(CommandLine line) {
        String server = line.getOptionValue(SERVER);
        if (server == null) {
            throw new IllegalArgumentException("--server HOST:PORT is required");
        }
        int colon = server.lastIndexOf(':');
        if (colon <= 0 || colon == server.length() - 1) {
            throw new IllegalArgumentException("--server: expected HOST:PORT, got '" + server + "'");
        }
        int port = (int) number(server.substring(colon + 1), "--server port", 1, 0xFFFF);
        String dialect = line.getOptionValue(DIALECT, "spec");
        dropvault.protocol.Dialect d = dropvault.protocol.Dialect.parse(dialect).orElseThrow(
                () -> new IllegalArgumentException("--dialect: expected spec, seed, padded or features joined with +"
                        + " (from-0, padded, swapped), got '" + dialect + "'"));
        return new BenchSettings(server.substring(0, colon), port,
                (int) number(line.getOptionValue(CLIENTS, "1"), "--clients", 1, 1_000_000),
                (int) number(line.getOptionValue(SESSIONS, "1"), "--sessions", 1, Integer.MAX_VALUE),
                number(line.getOptionValue(SIZE, "1k"), "--size", 0, Protocol.MAX_FILE_SIZE),
                (int) number(line.getOptionValue(PACKET, "1024"), "--packet", 16, 1 << 30),
                d, line.hasOption(KEEP_CONNECTION),
                (int) number(line.getOptionValue(WARMUP, "0"), "--warmup", 0, Integer.MAX_VALUE),
                (int) number(line.getOptionValue(IDLE, "0"), "--idle", 0, 1_000_000),
                Duration.ofSeconds(number(line.getOptionValue(TIMEOUT, "60"), "--timeout", 1, 86_400)),
                line.hasOption(TLS) || line.hasOption(TLS_FINGERPRINT),
                java.util.Optional.ofNullable(line.getOptionValue(TLS_FINGERPRINT)).map(f -> {
                    try {
                        return dropvault.tls.Fingerprint.parse(f);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--tls-fingerprint: " + e.getMessage(), e);
                    }
                }));
    }

    /** A whole number, with an optional k, m or g suffix (powers of 1024), within {@code min..max}. */
    static long number(String text, String option, long min, long max) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Math.multiplyExact(Long.parseLong(digits), unit);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(option + ": not a number: '" + text + "'", e);
        }
        throw new IllegalArgumentException(option + " must be " + min + " to " + max + ": " + text);
    }
}
