package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.Dialect;
import dropvault.testing.server.RealServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own server passes every check of the default suite (100 MiB upload and 16 sessions
 * included), in the spec dialect, and keeps its state across a restart.
 */
class OurServerPassesTest {
    private static final List<String> SUITE = List.of("register", "register-taken-name", "register-name-1-char",
            "register-name-254-chars", "public-key", "reconnect", "reconnect-wrong-id", "reconnect-unknown-name",
            "after-1606-register", "after-1606-public-key", "dialect", "upload-0B", "upload-1B", "upload-15B",
            "upload-16B", "upload-17B", "upload-1023B", "upload-1KiB", "upload-1025B", "upload-1MiB", "upload-10MiB",
            "upload-100MiB", "1603-fields", "900-1604", "901-resend", "902-abandon", "split-writes", "bad-unknown-code",
            "bad-oversized-header", "bad-truncated-frame", "bad-public-key", "bad-packet-without-key", "bad-padding",
            "retrieval-offered", "retrieval-list-get", "retrieval-version", "retrieval-not-available",
            "retrieval-wrong-key", "sessions-16-at-once", "restart-keeps-state");

    private volatile RealServer server;

    @Test
    void ourServerPassesEveryCheck(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        // the restart command tells this test through one named pipe and waits on another
        Path asked = dir.resolve("restart-asked");
        Path done = dir.resolve("restart-done");
        for (Path fifo : List.of(asked, done)) {
            assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        }
        server = RealServer.start(data);
        int port = server.port();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicBoolean restartAsked = new AtomicBoolean();
            Future<?> restarter = pool.submit(() -> {
                Files.readString(asked);
                restartAsked.set(true);
                server.close();
                server = RealServer.startOn(data, port);
                Files.writeString(done, "restarted\n");
                return null;
            });
            ServerSettings s = ServerSettings.of("127.0.0.1", port).withTimeout(Duration.ofSeconds(30))
                    .withRestartCommand("echo restart > '" + asked + "' && read line < '" + done + "'");
            Report r;
            try {
                r = new ServerSuite(s).run();
            } finally {
                if (!restartAsked.get()) {
                    // the suite never ran its restart: play the command's part so that the restarter ends
                    Files.writeString(asked, "restart\n");
                    Files.readString(done);
                }
            }
            restarter.get(1, TimeUnit.MINUTES);
            String text = table(r);
            List<CheckResult> notPassed = r.checks().stream().filter(c -> c.status() != Status.PASS).toList();
            assertEquals(List.of(), notPassed, text);
            assertEquals(Dialect.SPEC, r.dialect().dialect(), text);
            assertEquals(1024, r.dialect().chunk());
            assertTrue(r.passed(), text);
            assertEquals(SUITE, r.checks().stream().map(c -> c.id().substring(3)).collect(Collectors.toList()), text);
        } finally {
            server.close();
        }
    }

    private static String table(Report r) {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ReportWriter.table(r, new PrintStream(table, true, StandardCharsets.UTF_8));
        return table.toString(StandardCharsets.UTF_8);
    }
}
