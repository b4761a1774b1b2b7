package dropvault.bench.internal;

import dropvault.cli.HelpText;
import dropvault.crypto.CryptoSuites;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.ParseException;

/**
 * The command line of {@code dropvault-bench}: parses the options, runs the load and prints the
 * report. Exit status 0 when every session (and every idle connection) held up, 1 on any failure,
 * 2 on a usage error.
 */
public final class BenchCli {
    private BenchCli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        BenchSettings settings;
        try {
            CommandLine line = BenchOptions.parse(args);
            if (line.hasOption(BenchOptions.HELP)) {
                printHelp(out);
                return 0;
            }
            settings = BenchOptions.settings(line);
        } catch (ParseException | IllegalArgumentException e) {
            err.println("dropvault-bench: " + e.getMessage() + " (try --help)");
            return 2;
        }
        try {
            return load(settings, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("dropvault-bench: interrupted");
            return 1;
        }
    }

    private static int load(BenchSettings s, PrintStream out) throws InterruptedException {
        out.printf(Locale.ROOT, "dropvault-bench: %d clients x %d sessions of %d bytes against %s:%d (%s dialect,"
                        + " %d-byte packets, %s)%n", s.clients(), s.sessions(), s.size(), s.host(), s.port(),
                s.dialect().name().toLowerCase(Locale.ROOT), s.effectivePacket(),
                s.keepConnection() ? "one connection per client" : "a new connection per session");
        LoadRun run = new LoadRun(s, CryptoSuites.forEncrypting());
        run.prepare();
        if (s.idleConnections() > 0) {
            out.printf(Locale.ROOT, "opening %d idle connections before the clock starts%n", s.idleConnections());
        }
        try (IdleConnections idle = IdleConnections.open(s.host(), s.port(), s.idleConnections(),
                Math.toIntExact(s.timeout().toMillis()))) {
            if (s.warmup() > 0) {
                PhaseResult w = run.phase("w", s.warmup());
                out.printf(Locale.ROOT, "warm-up: %d sessions in %.3f s (untimed)%n", w.succeeded(), w.seconds());
            }
            Duration cpuBefore = processCpu();
            PhaseResult r = run.phase("t", s.sessions());
            Duration cpu = processCpu().minus(cpuBefore);
            int stillOpen = idle.stillOpen();
            report(out, s, r, run.failures());
            // the tool's own CPU in the timed phase: on a shared machine, what the client cost
            out.printf(Locale.ROOT, "client cpu: %.2f s (%.0f%% of one core)%n", cpu.toNanos() / 1e9,
                    100.0 * cpu.toNanos() / r.elapsedNanos());
            int idleLost = idle.refused() + idle.opened() - stillOpen;
            if (s.idleConnections() > 0) {
                out.printf(Locale.ROOT, "idle connections: %d asked, %d opened, %d still open at the end%s%n",
                        s.idleConnections(), idle.opened(), stillOpen,
                        idle.refused() == 0 ? "" : " (" + idle.refused() + " not opened, e.g. " + idle.firstRefusal() + ")");
            }
            boolean ok = run.failures().total() == 0 && idleLost == 0;
            out.println(ok ? "result: ok" : "result: FAILED");
            return ok ? 0 : 1;
        }
    }

    private static Duration processCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static void report(PrintStream out, BenchSettings s, PhaseResult r, Failures failures) {
        long failed = failures.total();
        out.printf(Locale.ROOT, "sessions: %d ok, %d failed in %.3f s%n", r.succeeded(), failed, r.seconds());
        out.printf(Locale.ROOT, "throughput: %.1f sessions/s, %.1f MB/s of plaintext (MB = 10^6 bytes)%n",
                r.sessionsPerSecond(), r.megabytesPerSecond());
        out.printf(Locale.ROOT, "latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", r.percentileMillis(0.50),
                r.percentileMillis(0.99), r.maxMillis());
        if (failed == 0) {
            out.println("failures: none");
            return;
        }
        out.println("failures:");
        for (Map.Entry<String, Long> e : failures.byKind().entrySet()) {
            out.printf(Locale.ROOT, "  %6d  %s  (e.g. %s)%n", e.getValue(), e.getKey(), failures.example(e.getKey()));
        }
    }

    private static void printHelp(PrintStream out) {
        out.print(HelpText.of("dropvault-bench --server HOST:PORT [options]",
                "Loads a server speaking protocol version 3 with concurrent full sessions (825, 826, 828..., 900)"
                        + " and reports sessions/s, MB/s, latency and failures.",
                BenchOptions.OPTIONS, List.of(new HelpText.Section("Exit status:", List.of(
                        new HelpText.Row("0", "every session succeeded"), new HelpText.Row("1", "any failure"),
                        new HelpText.Row("2", "bad command line"))))));
        out.flush();
    }
}
