package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Stand-ins for the servers of PROTOCOL.md §8 that crash, go silent, die, send zlib's CRC-32 or
 * explain their refusals in words: the suite names the dialect each needs and puts each failure on
 * the check that met it, never on the checks after it.
 */
class WildServersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(4);
    private static final String LARGER = "not run: larger than --max-upload";

    private static Report check(Quirks quirks) throws Exception {
        try (ClientProbe server = ClientProbe.openAsServer(quirks, TIMEOUT)) {
            return new ServerSuite(ServerSettings.of("127.0.0.1", server.port()).withTimeout(TIMEOUT)
                    .withMaxUpload(64L << 10)).run();
        }
    }

    private static String table(Report r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReportWriter.table(r, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Status> departures(Report r) {
        return r.checks().stream().filter(c -> c.status() != Status.PASS && !c.evidence().startsWith(LARGER))
                .collect(Collectors.toMap(c -> c.id().substring(3), CheckResult::status, (a, b) -> a, TreeMap::new));
    }

    private static CheckResult named(Report r, String name) {
        return r.checks().stream().filter(c -> c.id().substring(3).equals(name)).findFirst().orElseThrow();
    }

    private static Set<DialectFeature> padded() {
        return EnumSet.of(DialectFeature.PADDED_PAYLOADS);
    }

    @Test
    void aServerSendingCrc32In1603IsNamedOnceAndItsUploadsArriveIntact() throws Exception {
        Report r = check(Quirks.NONE.with(Quirks.Wild.CRC32_IN_1603));

        assertEquals(Dialect.SPEC, r.dialect().dialect(), table(r));
        assertEquals(Map.of("crc-flavour", Status.WARN), departures(r), table(r));
        assertTrue(named(r, "crc-flavour").evidence().contains("CRC-32"), table(r));
    }

    /** The probe began each candidate with 827: every candidate died, and the report kept "spec". */
    @Test
    void aServerCrashingOn827BeforeAnUploadIsFoundToNeedPaddedPayloads() throws Exception {
        Report r = check(Quirks.needing(padded()).with(Quirks.Wild.SILENT_ON_827_BEFORE_UPLOAD));

        assertEquals(Dialect.PADDED, r.dialect().dialect(), table(r));
        assertEquals(Status.WARN, named(r, "dialect").status(), table(r));
        assertTrue(named(r, "dialect").evidence().contains("fresh registrations"), table(r));
        assertEquals(Status.PASS, named(r, "upload-1KiB").status(), table(r));
        assertEquals(Status.PASS, named(r, "900-1604").status(), table(r));
        // the 827 of a client that never uploaded is where this server departs, and only there
        assertEquals(Status.FAIL, named(r, "reconnect").status(), table(r));
    }

    /** The probe sent 902 after a matching 1603 and dropped the dialect when the server crashed on it. */
    @Test
    void aServerCrashingOn902KeepsTheDialectItTook() throws Exception {
        Report r = check(Quirks.needing(padded()).with(Quirks.Wild.SILENT_ON_902));

        assertEquals(Dialect.PADDED, r.dialect().dialect(), table(r));
        assertTrue(named(r, "dialect").evidence().contains("902 after it"), table(r));
        assertEquals(Status.FAIL, named(r, "902-abandon").status(), table(r));
        assertEquals(Status.PASS, named(r, "1603-fields").status(), table(r));
        assertEquals(Status.PASS, named(r, "bad-padding").status(), table(r));
    }

    /** A server that died had every later check fail as if each had found a bug of its own. */
    @Test
    void aServerThatDiesFailsTheCheckThatKilledItAndTheRestAreNotRun() throws Exception {
        Report r = check(Quirks.NONE.with(Quirks.Wild.DIES_ON_902));

        assertEquals(Dialect.SPEC, r.dialect().dialect(), table(r));
        CheckResult dialect = named(r, "dialect");
        assertEquals(Status.FAIL, dialect.status(), table(r));
        assertTrue(dialect.evidence().contains("stopped answering"), table(r));
        List<CheckResult> after = r.checks().subList(r.checks().indexOf(dialect) + 1, r.checks().size());
        assertFalse(after.isEmpty());
        for (CheckResult c : after) {
            assertEquals(Status.WARN, c.status(), table(r));
            assertEquals("not run: the server stopped answering after check " + dialect.id(), c.evidence(), table(r));
        }
        assertEquals(1L, r.count(Status.FAIL), table(r));
    }

    /** The report said "spec" for a server no dialect of §8 completed a session with. */
    @Test
    void aServerNoDialectServesIsReportedAsNoneOfSection8() throws Exception {
        Report r = check(Quirks.needing(EnumSet.of(DialectFeature.FROM_ZERO)));

        assertEquals(ServerSuite.NONE, r.dialect().dialect(), table(r));
        assertTrue(table(r).contains("dialect: none of §8"), table(r));
        assertTrue(ReportWriter.json(r).startsWith("{\n  \"dialect\": null"), ReportWriter.json(r));
        assertEquals(Status.FAIL, named(r, "dialect").status(), table(r));
        // its uploads failed before any bad input too: not damage the bad input did
        assertEquals(Status.WARN, named(r, "bad-padding").status(), table(r));
        assertTrue(named(r, "bad-unknown-code").evidence().contains("as every upload before the bad input"), table(r));
    }

    @Test
    void aServerTakingOnlyTheWholeFileInOnePacketNeedsSinglePacket() throws Exception {
        Report r = check(Quirks.needing(EnumSet.of(DialectFeature.SINGLE_PACKET)));

        assertEquals(Dialect.SINGLE_PACKET, r.dialect().dialect(), table(r));
        assertEquals(Map.of("dialect", Status.WARN, "needs-single-packet", Status.WARN), departures(r), table(r));
    }

    @Test
    void aCleanSessionAfterBadInputTellsDamageFromWhatWasThereBefore() throws Exception {
        Report r = check(Quirks.NONE.with(Quirks.Wild.DAMAGED_BY_UNKNOWN_CODE));

        assertEquals(Dialect.SPEC, r.dialect().dialect(), table(r));
        CheckResult bad = named(r, "bad-unknown-code");
        assertEquals(Status.FAIL, bad.status(), table(r));
        assertTrue(bad.evidence().contains("where uploads before the bad input matched: damage done by the bad input"),
                bad.evidence());
        assertEquals(Status.PASS, named(r, "902-abandon").status(), table(r));
    }

    @Test
    void textIn1601And1606IsADialectOfItsOwnNotAFailure() throws Exception {
        Report r = check(Quirks.NONE.with(Quirks.Wild.TEXT_IN_REFUSALS));

        assertEquals(Dialect.SPEC, r.dialect().dialect(), table(r));
        assertEquals(Status.WARN, named(r, "register-taken-name").status(), table(r));
        assertTrue(named(r, "register-taken-name").evidence().contains("name already registered"), table(r));
        assertEquals(Status.WARN, named(r, "reconnect-unknown-name").status(), table(r));
        assertEquals(0L, r.count(Status.FAIL), table(r));
    }
}
