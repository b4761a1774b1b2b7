package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.Dialect;
import dropvault.protocol.NameField;
import dropvault.protocol.Protocol;
import dropvault.protocol.ResponseCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clients of PROTOCOL.md §8 that the client mode's server must name for what they do: one that
 * resends its packets under 901 headers, one that never sends 900.
 */
class WildClientsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final CryptoSuite CRYPTO = CryptoSuites.jdk();
    private static final KeyPair KEYS = CRYPTO.generateKeyPair();

    @FunctionalInterface
    interface Client {
        void run(int port) throws Exception;
    }

    private static Report serve(Scenario scenario, Client client) throws Exception {
        ProbeSettings s = ProbeSettings.of(0, 1, scenario).withTimeout(TIMEOUT);
        try (ClientProbe probe = ClientProbe.open(s); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Report> report = pool.submit(probe::serve);
            client.run(probe.port());
            return report.get(1, TimeUnit.MINUTES);
        }
    }

    private static String table(Report r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReportWriter.table(r, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    private static CheckResult named(Report r, String name) {
        return r.checks().stream().filter(c -> c.id().substring(3).equals(name)).findFirst().orElseThrow();
    }

    private static Session registered(int port, String name) throws Exception {
        return Session.registered(new Target("127.0.0.1", port, TIMEOUT, CRYPTO, Dialect.SPEC, 1024), name, KEYS);
    }

    /** The report said "resent at once" for a client whose resend no server can take. */
    @Test
    void aResendFramedWith901IsAFailureThatSaysSo() throws Exception {
        Report r = serve(Scenario.BAD_CRC, port -> {
            try (Session s = registered(port, "framer")) {
                Plaintext p = new Plaintext(3000, 3);
                NameField file = NameField.of("framed.bin");
                assertEquals(ResponseCode.FILE_RECEIVED.code(), s.upload(p, file).code());
                s.verdict(CrcReport.Verdict.RETRY, file);
                try {
                    s.frames(p, file, Dialect.SPEC).forEach(frame -> {
                        Le.putU16(frame, Protocol.REQUEST_HEADER_SIZE - 6, 901);
                        s.peer.send(frame);
                    });
                    s.peer.read();
                } catch (IOException e) {
                    // the check closes the connection on the first framed packet
                }
            }
        });

        CheckResult after = named(r, "after-901");
        assertEquals(Status.FAIL, after.status(), table(r));
        assertTrue(after.evidence().contains("framed with code 901"), table(r));
        assertFalse(table(r).contains("resent at once"), table(r));
    }

    @Test
    void aClientThatNeverSends900IsToldWhereItStopped() throws Exception {
        Report r = serve(Scenario.NORMAL, port -> {
            try (Session s = registered(port, "stopper")) {
                Plaintext p = new Plaintext(3000, 4);
                FileReply f = FileReply.of(s.upload(p, NameField.of("unconfirmed.bin")));
                assertEquals(p.cksum(), f.cksum());
            }
        });

        CheckResult verdict = named(r, "verdict");
        assertEquals(Status.FAIL, verdict.status(), table(r));
        assertTrue(verdict.evidence().contains("900 never sent"), table(r));
        assertEquals(Dialect.SPEC, r.dialect().dialect(), table(r));
    }
}
