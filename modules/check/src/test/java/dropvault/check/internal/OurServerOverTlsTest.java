package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.Dialect;
import dropvault.testing.server.RealServer;
import dropvault.tls.Fingerprint;
import dropvault.tls.ServerCredentials;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dropvault-check server --tls} against our own server listening with TLS only: the whole
 * suite passes inside TLS with the server's fingerprint pinned, and a wrong fingerprint passes nothing.
 */
class OurServerOverTlsTest {
    @TempDir
    static Path dir;
    private static RealServer server;
    private static String fingerprint;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.startTlsOnly(dir);
        Path tls = dir.resolve("tls");
        fingerprint = Fingerprint.of(ServerCredentials.fromPem(tls.resolve(ServerCredentials.CERTIFICATE_FILE),
                tls.resolve(ServerCredentials.KEY_FILE)).certificate());
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void everyCheckPassesInsideTlsWithThePinnedFingerprint() throws Exception {
        ServerSettings s = ServerSettings.of("127.0.0.1", server.port()).withTimeout(Duration.ofSeconds(30))
                .withTls(Optional.of(fingerprint));

        Report r = new ServerSuite(s).run();

        String text = table(r);
        assertEquals(List.of(), r.checks().stream().filter(c -> c.status() != Status.PASS).toList(), text);
        assertTrue(r.checks().size() > 20, text);
        assertEquals(Dialect.SPEC, r.dialect().dialect(), text);
        assertTrue(r.passed(), text);
    }

    @Test
    void anotherServersFingerprintPassesNothing() throws Exception {
        String other = Fingerprint.of(ServerCredentials.selfSigned("elsewhere", java.time.Instant.now(),
                ServerCredentials.NO_EXPIRY).certificate());
        ServerSettings s = ServerSettings.of("127.0.0.1", server.port()).withTimeout(Duration.ofSeconds(30))
                .withMaxUpload(1 << 20).withTls(Optional.of(other));

        Report r = new ServerSuite(s).run();

        String text = table(r);
        assertFalse(r.passed(), text);
        assertEquals(List.of(), r.checks().stream().filter(c -> c.status() == Status.PASS).toList(), text);
        assertTrue(text.contains(fingerprint.substring("SHA256:".length(), 20)) || text.toLowerCase().contains("fingerprint"),
                text);
    }

    private static String table(Report r) {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ReportWriter.table(r, new PrintStream(table, true, StandardCharsets.UTF_8));
        return table.toString(StandardCharsets.UTF_8);
    }
}
