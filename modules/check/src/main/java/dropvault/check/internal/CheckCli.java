package dropvault.check.internal;

import dropvault.cli.HelpText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.ParseException;

/**
 * The command line of {@code dropvault-check}: {@code server HOST:PORT} or {@code client --port N}.
 * Exit status 0 when no check failed, 1 when one did, 2 on a usage error, 3 when a report file
 * could not be written.
 */
public final class CheckCli {
    private CheckCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = CheckOptions.parse(args);
        } catch (ParseException e) {
            return usage(err, e.getMessage());
        }
        if (line.hasOption(CheckOptions.HELP)) {
            printHelp(out);
            return 0;
        }
        List<String> rest = line.getArgList();
        if (rest.isEmpty()) {
            return usage(err, "say what to check: server HOST:PORT, or client --port N");
        }
        Report report;
        try {
            Duration timeout = Duration.ofSeconds(CheckOptions.positiveLong(line, CheckOptions.TIMEOUT, 10));
            if (timeout.isZero()) {
                throw new IllegalArgumentException("--timeout must be positive");
            }
            String provider = line.getOptionValue(CheckOptions.PROVIDER, "jdk");
            switch (rest.getFirst()) {
                case "server" -> {
                    if (rest.size() != 2) {
                        return usage(err, "server takes one HOST:PORT");
                    }
                    ServerSettings s = serverSettings(rest.get(1), line, timeout, provider);
                    report = new ServerSuite(s).run();
                }
                case "client" -> {
                    if (rest.size() != 1 || !line.hasOption(CheckOptions.PORT)) {
                        return usage(err, "client takes --port N and no other argument");
                    }
                    ProbeSettings s = clientSettings(line, timeout, provider);
                    try (ClientProbe probe = ClientProbe.open(s)) {
                        out.println("dropvault-check: serving " + s.sessions() + " client run(s) on 127.0.0.1:"
                                + probe.port() + " (scenario " + s.scenario().label() + ")");
                        out.flush();
                        report = probe.serve();
                    }
                }
                default -> {
                    return usage(err, "unknown mode '" + rest.getFirst() + "': server or client");
                }
            }
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (IOException e) {
            err.println("dropvault-check: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("dropvault-check: interrupted");
            return 1;
        }
        ReportWriter.table(report, out);
        try {
            if (line.hasOption(CheckOptions.JSON)) {
                ReportWriter.write(Path.of(line.getOptionValue(CheckOptions.JSON)), ReportWriter.json(report));
            }
            if (line.hasOption(CheckOptions.JUNIT)) {
                ReportWriter.write(Path.of(line.getOptionValue(CheckOptions.JUNIT)), ReportWriter.junit(report));
            }
        } catch (IOException e) {
            err.println("dropvault-check: cannot write the report: " + e.getMessage());
            return 3;
        }
        return report.passed() ? 0 : 1;
    }

    private static ServerSettings serverSettings(String address, CommandLine line, Duration timeout, String provider) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("HOST:PORT expected, not " + address);
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = port(address.substring(colon + 1), false);
        long maxUpload = CheckOptions.positiveLong(line, CheckOptions.MAX_UPLOAD, ServerSettings.DEFAULT_MAX_UPLOAD);
        long concurrent = CheckOptions.positiveLong(line, CheckOptions.CONCURRENT, ServerSettings.DEFAULT_SESSIONS);
        if (concurrent < 1 || concurrent > 1000) {
            throw new IllegalArgumentException("--concurrent takes 1 to 1000, not " + concurrent);
        }
        ServerSettings s = new ServerSettings(host, port, timeout, provider, maxUpload, (int) concurrent,
                java.util.Optional.empty());
        if (line.hasOption(CheckOptions.TLS) || line.hasOption(CheckOptions.TLS_FINGERPRINT)) {
            try {
                s = s.withTls(java.util.Optional.ofNullable(line.getOptionValue(CheckOptions.TLS_FINGERPRINT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tls-fingerprint: " + e.getMessage(), e);
            }
        }
        return line.hasOption(CheckOptions.RESTART_COMMAND)
                ? s.withRestartCommand(line.getOptionValue(CheckOptions.RESTART_COMMAND)) : s;
    }

    private static ProbeSettings clientSettings(CommandLine line, Duration timeout, String provider) {
        int port = port(line.getOptionValue(CheckOptions.PORT), true);
        long sessions = CheckOptions.positiveLong(line, CheckOptions.SESSIONS, 1);
        if (sessions < 1 || sessions > 10_000) {
            throw new IllegalArgumentException("--sessions takes 1 to 10000, not " + sessions);
        }
        Scenario scenario = Scenario.of(line.getOptionValue(CheckOptions.SCENARIO, "normal"));
        Duration delay = Duration.ofMillis(CheckOptions.positiveLong(line, CheckOptions.DELAY, 2000));
        return new ProbeSettings(port, (int) sessions, scenario, delay, timeout, provider);
    }

    private static int port(String text, boolean zeroAllowed) {
        try {
            int p = Integer.parseInt(text.strip());
            if (p < (zeroAllowed ? 0 : 1) || p > 0xFFFF) {
                throw new IllegalArgumentException("a port is 1 to 65535, not " + text);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a port is a number, not " + text);
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("dropvault-check: " + message + " (try --help)");
        return 2;
    }

    private static void printHelp(PrintStream out) {
        out.print(HelpText.of("dropvault-check server HOST:PORT | client --port N",
                "Says which dialect of PROTOCOL.md §8 a server needs or a client speaks, and where it departs from"
                        + " the protocol: a numbered suite of checks, each pass, warn or fail with one line of evidence.",
                CheckOptions.OPTIONS, List.of(new HelpText.Section("Exit status:", List.of(
                        new HelpText.Row("0", "no check failed"), new HelpText.Row("1", "a check failed"),
                        new HelpText.Row("2", "bad command line"),
                        new HelpText.Row("3", "a report file could not be written"))))));
    }
}
