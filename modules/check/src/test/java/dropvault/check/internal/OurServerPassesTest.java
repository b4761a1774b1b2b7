package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.Dialect;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our own server passes every check of the server suite, in the spec dialect. */
class OurServerPassesTest {

    @Test
    void ourServerPassesEveryCheck(@TempDir Path data) throws Exception {
        try (RealServer server = RealServer.start(data)) {
            ServerSettings s = ServerSettings.of("127.0.0.1", server.port()).withTimeout(Duration.ofSeconds(20))
                    .withMaxUpload(10L << 20);
            Report r = new ServerSuite(s).run();
            ByteArrayOutputStream table = new ByteArrayOutputStream();
            ReportWriter.table(r, new PrintStream(table, true, StandardCharsets.UTF_8));
            String text = table.toString(StandardCharsets.UTF_8);
            List<CheckResult> notPassed = r.checks().stream()
                    .filter(c -> c.status() != Status.PASS && !c.evidence().startsWith("not run: larger than --max-upload"))
                    .toList();
            assertEquals(List.of(), notPassed, text);
            assertEquals(Dialect.SPEC, r.dialect().dialect(), text);
            assertEquals(1024, r.dialect().chunk());
            assertTrue(r.passed(), text);
            List<String> names = r.checks().stream().map(c -> c.id().substring(3)).collect(Collectors.toList());
            for (String expected : List.of("register", "register-taken-name", "register-name-1-char",
                    "register-name-254-chars", "public-key", "reconnect", "reconnect-wrong-id", "reconnect-unknown-name",
                    "after-1606-register", "after-1606-public-key", "dialect", "upload-0B", "upload-1B", "upload-15B",
                    "upload-16B", "upload-17B", "upload-1023B", "upload-1024B", "upload-1025B", "upload-1MiB",
                    "upload-10MiB", "upload-100MiB", "1603-fields", "900-1604", "901-resend", "902-abandon", "split-writes",
                    "bad-unknown-code", "bad-oversized-header", "bad-truncated-frame", "bad-public-key",
                    "bad-packet-without-key", "bad-padding", "sessions-16-at-once")) {
                assertTrue(names.contains(expected), expected + " missing from " + names);
            }
            assertTrue(r.checks().stream().anyMatch(c -> c.id().endsWith("upload-100MiB")
                    && c.evidence().startsWith("not run: larger than --max-upload")), text);
        }
    }
}
