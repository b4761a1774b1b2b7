package dropvault.check.internal;

import dropvault.protocol.CrcReport;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The dialect of §8 the server needs: each named one tried with a short upload until one brings the right cksum. */
final class DialectChecks {
    /** The size the dialect is found with: two packets, the last one short. */
    static final long PROBE_SIZE = 1025;

    private final SuiteContext suite;

    DialectChecks(SuiteContext suite) {
        this.suite = suite;
    }

    Outcome findDialect() throws IOException, CheckFailure {
        List<Dialect> candidates = new ArrayList<>();
        for (Dialect d : Dialect.NAMED) {
            candidates.add(withNames(d));
        }
        for (Dialect d : Dialect.NAMED) {
            candidates.add(withNames(d).with(DialectFeature.SPLIT_WRITES));
        }
        List<String> tried = new ArrayList<>();
        for (Dialect d : candidates) {
            Target t = suite.target.withDialect(d);
            try (Session s = Session.open(t)) {
                s.reconnect(suite.mainName, suite.mainId, suite.keys);
                Plaintext p = suite.plaintext(PROBE_SIZE);
                NameField file = NameField.of("probe.bin");
                FileReply f = FileReply.of(s.upload(p, file));
                if (f.cksum() != p.cksum()) {
                    tried.add(d.name() + ": 1603 cksum " + f.cksum() + " != " + p.cksum());
                    continue;
                }
                s.verdict(CrcReport.Verdict.ABORT, file);
                suite.target = t;
                if (tried.isEmpty()) {
                    return Outcome.pass("a 1025-byte upload in the spec dialect → 1603 with the right cksum");
                }
                return Outcome.warn("the server needs " + d.name() + " (" + String.join("; ", tried) + ")");
            } catch (IOException | CheckFailure e) {
                tried.add(d.name() + ": " + (e instanceof IOException io ? SuiteContext.describe(io) : e.getMessage()));
            }
        }
        throw new CheckFailure("no dialect of §8 brought a 1603 with the right cksum: " + String.join("; ", tried));
    }

    private Dialect withNames(Dialect d) {
        return suite.target.dialect().has(DialectFeature.UNPADDED_NAMES) ? d.with(DialectFeature.UNPADDED_NAMES) : d;
    }

    /** A feature of the dialect found: a warning, since clients of the text's protocol fail here. */
    static Outcome needs(DialectFeature f) {
        return Outcome.warn("the server needs " + f.label() + ": " + why(f));
    }

    private static String why(DialectFeature f) {
        return switch (f) {
            case FROM_ZERO -> "packets numbered from 0, not 1";
            case PADDED_PAYLOADS -> "every 828 payload padded to 1291 bytes";
            case PER_PACKET -> "each packet encrypted on its own, not one CBC stream";
            case PACKET_CONTENT_SIZE -> "each packet's own ciphertext size as content size";
            case ZERO_FILLED -> "the last plaintext chunk zero-filled";
            case EXTRA_PACKET -> "one more all-zero packet";
            case SWAPPED -> "total packets at offset 8 and the packet number at 10";
            case UNPADDED_NAMES -> "825/827 with the name and one NUL, not a 255-byte field";
            case SPLIT_WRITES -> "header and payload in separate writes";
        };
    }

    /** The plaintext bytes a packet carries in the dialect of {@code t}. */
    static int packetData(Target t) {
        return t.dialect().has(DialectFeature.PER_PACKET) ? t.chunk() + 16 : t.chunk();
    }
}
