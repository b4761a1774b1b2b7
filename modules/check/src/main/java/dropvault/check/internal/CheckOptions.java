package dropvault.check.internal;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** Every option of dropvault-check, a constant per flag. */
public final class CheckOptions {
    public static final String PORT = "port";
    public static final String SESSIONS = "sessions";
    public static final String SCENARIO = "scenario";
    public static final String DELAY = "delay";
    public static final String TIMEOUT = "timeout";
    public static final String TLS = "tls";
    public static final String TLS_FINGERPRINT = "tls-fingerprint";
    public static final String JSON = "json";
    public static final String JUNIT = "junit";
    public static final String MAX_UPLOAD = "max-upload";
    public static final String CONCURRENT = "concurrent";
    public static final String RESTART_COMMAND = "restart-command";
    public static final String PROVIDER = "provider";
    public static final String HELP = "help";

    static final Options OPTIONS = options();

    private CheckOptions() {
    }

    private static Options options() {
        Options o = new Options();
        o.addOption(valued("p", PORT, "N", "client mode: the port to serve the client on (0: any free port, printed)"));
        o.addOption(valued(null, SESSIONS, "K", "client mode: client runs (connections) to serve before the report"
                + " (default 1)"));
        o.addOption(valued(null, SCENARIO, "NAME", "client mode: normal (default), bad-crc, error, forget or slow"));
        o.addOption(valued(null, DELAY, "MS", "client mode, slow scenario: how late each answer comes (default 2000)"));
        o.addOption(valued("t", TIMEOUT, "SECONDS", "every step's timeout: connect, each read, a stalled write"
                + " (default 10)"));
        o.addOption(valued(null, JSON, "FILE", "also write the report as JSON"));
        o.addOption(valued(null, JUNIT, "FILE", "also write the report as JUnit XML (one test case per check)"));
        o.addOption(valued(null, MAX_UPLOAD, "BYTES", "server mode: leave out the upload checks larger than this"
                + " (default 104857600: all of them)"));
        o.addOption(valued(null, CONCURRENT, "N", "server mode: sessions of the concurrency check (default 16)"));
        o.addOption(valued(null, RESTART_COMMAND, "CMD", "server mode: a shell command that restarts the server;"
                + " adds the check that state is kept across a restart"));
        o.addOption(valued(null, PROVIDER, "NAME", "crypto provider: jdk (default), bouncycastle, conscrypt or openssl"));
        o.addOption(Option.builder().longOpt(TLS).desc("server mode: every connection inside TLS 1.3 (the certificate"
                + " is not judged unless --tls-fingerprint names it)").get());
        o.addOption(valued(null, TLS_FINGERPRINT, "KEY", "server mode: TLS, and only a server of this"
                + " fingerprint (SHA256:..., as the server logs it)"));
        o.addOption(Option.builder("h").longOpt(HELP).desc("print this help and exit").get());
        return o;
    }

    private static Option valued(String shortName, String longName, String argName, String description) {
        return Option.builder(shortName).longOpt(longName).hasArg().argName(argName).desc(description).get();
    }

    static CommandLine parse(String[] args) throws ParseException {
        return DefaultParser.builder().get().parse(OPTIONS, args);
    }

    static long positiveLong(CommandLine line, String opt, long dflt) {
        String v = line.getOptionValue(opt);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0) {
                throw new IllegalArgumentException("--" + opt + " must not be negative: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + opt + " takes a number, not " + v);
        }
    }
}
