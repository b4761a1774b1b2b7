package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A stand-in for each server of PROTOCOL.md §8 (the client mode's server with that server's
 * quirks): the suite reports exactly the dialect it needs and exactly the departure it makes, and
 * every other check passes.
 */
class ServerDoublesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String NOT_RUN = "not run: larger than --max-upload";

    private static Report check(Quirks quirks) throws Exception {
        try (ClientProbe server = ClientProbe.openAsServer(quirks, TIMEOUT)) {
            return new ServerSuite(ServerSettings.of("127.0.0.1", server.port()).withTimeout(TIMEOUT)
                    .withMaxUpload(1L << 20)).run();
        }
    }

    private static String table(Report r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReportWriter.table(r, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    /** The checks (by name, without their number) that did not pass, with their status. */
    private static Map<String, Status> departures(Report r) {
        return r.checks().stream().filter(c -> c.status() != Status.PASS && !c.evidence().startsWith(NOT_RUN))
                .collect(Collectors.toMap(c -> c.id().substring(3), CheckResult::status, (a, b) -> a, TreeMap::new));
    }

    private static void needs(Dialect d, Quirks quirks) throws Exception {
        Report r = check(quirks);
        assertEquals(d, r.dialect().dialect(), table(r));
        Map<String, Status> expected = new TreeMap<>();
        if (d != Dialect.SPEC) {
            expected.put("dialect", Status.WARN);
        }
        for (DialectFeature f : d.features()) {
            expected.put("needs-" + f.label(), Status.WARN);
        }
        if (d.has(DialectFeature.UNPADDED_NAMES)) {
            expected.put("register", Status.WARN);
        }
        assertEquals(expected, departures(r), table(r));
        assertTrue(r.passed(), table(r));
    }

    private static Set<DialectFeature> features(Dialect d) {
        EnumSet<DialectFeature> f = EnumSet.noneOf(DialectFeature.class);
        f.addAll(d.features());
        f.remove(DialectFeature.UNPADDED_NAMES);
        return f;
    }

    @Test
    void aServerOfTheTextNeedsTheSpecDialect() throws Exception {
        needs(Dialect.SPEC, Quirks.needing(features(Dialect.SPEC)));
    }

    @Test
    void aServerWithoutTheRetrievalExtensionIsReportedAsNotOfferingItAndPassesAllTheSame() throws Exception {
        Report r = check(Quirks.needing(features(Dialect.SPEC)));
        CheckResult offered = r.checks().stream().filter(c -> c.id().endsWith("-retrieval-offered")).findFirst()
                .orElseThrow(() -> new AssertionError(table(r)));
        assertEquals(Status.PASS, offered.status(), table(r));
        assertTrue(offered.evidence().startsWith("not offered: 840 → "), offered.evidence());
        assertTrue(r.checks().stream().noneMatch(c -> c.id().contains("retrieval-list")), table(r));
        assertTrue(r.passed(), table(r));
    }

    @Test
    void aSeedServerNeedsPacketsFromZeroPadded() throws Exception {
        needs(Dialect.SEED, Quirks.needing(features(Dialect.SEED)));
    }

    @Test
    void aPaddingServerNeedsPaddedPayloads() throws Exception {
        needs(Dialect.PADDED, Quirks.needing(features(Dialect.PADDED)));
    }

    @Test
    void aPerPacketServerNeedsEachPacketAloneAndSwappedFields() throws Exception {
        needs(Dialect.PER_PACKET, Quirks.needing(features(Dialect.PER_PACKET)));
    }

    @Test
    void aServerNeedingUnpaddedNames() throws Exception {
        needs(Dialect.PER_PACKET_UNPADDED, Quirks.needing(features(Dialect.PER_PACKET_UNPADDED)).withUnpaddedNames());
    }

    @Test
    void aZeroFillingServer() throws Exception {
        needs(Dialect.ZERO_FILLED, Quirks.needing(features(Dialect.ZERO_FILLED)));
    }

    private static void departs(Quirks quirks, Map<String, Status> expected, String evidence) throws Exception {
        Report r = check(quirks);
        assertEquals(Dialect.SPEC, r.dialect().dialect(), table(r));
        assertEquals(expected, departures(r), table(r));
        CheckResult first = r.checks().stream().filter(c -> c.id().endsWith(expected.keySet().iterator().next()))
                .findFirst().orElseThrow();
        assertTrue(first.evidence().contains(evidence), table(r));
    }

    @Test
    void a1603WithTheNameUnpadded() throws Exception {
        departs(Quirks.NONE.withFileReplyUnpadded(), Map.of("1603-fields", Status.WARN), "the name unpadded");
    }

    @Test
    void a1603WithThePlaintextSize() throws Exception {
        departs(Quirks.NONE.withFileReplyPlainSize(), Map.of("1603-fields", Status.WARN), "is the plaintext size");
    }

    @Test
    void a1604WithNoPayload() throws Exception {
        departs(Quirks.NONE.withThanksDeclared(0), new TreeMap<>(Map.of("900-1604", Status.WARN,
                "901-resend", Status.WARN, "902-abandon", Status.WARN)), "1604 with no payload");
    }

    @Test
    void a1604Declaring255Bytes() throws Exception {
        departs(Quirks.NONE.withThanksDeclared(255), new TreeMap<>(Map.of("900-1604", Status.WARN,
                "901-resend", Status.WARN, "902-abandon", Status.WARN)), "declaring 255 payload bytes");
    }

    @Test
    void a901AnsweredWith1604() throws Exception {
        departs(Quirks.NONE.withAnswer901(), Map.of("901-resend", Status.WARN), "901 was answered with 1604");
    }

    @Test
    void anEmpty1606() throws Exception {
        departs(Quirks.NONE.withEmpty1606(), new TreeMap<>(Map.of("after-1606-public-key", Status.WARN,
                "reconnect-unknown-name", Status.WARN, "reconnect-wrong-id", Status.WARN)), "carries no client id");
    }

    @Test
    void aServerThatNeverRefusesATakenName() throws Exception {
        Report r = check(Quirks.NONE.withNeverRefuse());
        assertEquals(Map.of("register-taken-name", Status.FAIL), departures(r), table(r));
        assertTrue(!r.passed(), table(r));
    }
}
