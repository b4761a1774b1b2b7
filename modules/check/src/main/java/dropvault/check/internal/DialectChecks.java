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
    /** The server did not take the main client's 827 in the search: each candidate registers afresh. */
    private boolean reconnectRefused;
    /** The name a candidate registered afresh; null when it reconnected the main client. */
    private String freshName;

    DialectChecks(SuiteContext suite) {
        this.suite = suite;
    }

    /**
     * Each candidate on a connection of its own, reconnecting the main client (827), or, when the
     * 827 is refused or the server drops it (a server in the wild crashes on an 827 from a client
     * that never uploaded), a fresh name registered on a fresh connection. A 1603 carrying the file's
     * cksum (or its CRC-32) decides the dialect; what the server then does with 902 is a finding of
     * its own, never a reason to drop the dialect. Every read waits {@link SuiteContext#probeTimeout()},
     * and a server that stopped answering ends the search at once.
     */
    Outcome findDialect() throws IOException, CheckFailure {
        List<Dialect> candidates = new ArrayList<>();
        for (Dialect d : Dialect.TRIED) {
            candidates.add(withNames(d));
        }
        for (Dialect d : Dialect.NAMED) {
            candidates.add(withNames(d).with(DialectFeature.SPLIT_WRITES));
        }
        List<String> tried = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Target full = suite.target;
        for (Dialect d : candidates) {
            Target t = full.withDialect(d).withTimeout(suite.probeTimeout());
            suite.target = t;
            Plaintext p = suite.plaintext(PROBE_SIZE);
            NameField file = NameField.of("probe.bin");
            FileReply f;
            try (Session s = session(t, notes, d)) {
                f = FileReply.of(s.upload(p, file));
                if (!suite.sumMatches(f.cksum(), p)) {
                    tried.add(d.name() + ": 1603 cksum " + f.cksum() + " != " + p.cksum());
                    continue;
                }
                suite.target = full.withDialect(d);
                suite.dialectFound = true;
                if (freshName != null) {
                    // a client that uploaded: the one the later checks reconnect, on a server that needs that
                    suite.mainName = freshName;
                    suite.mainId = s.id;
                }
                String after = abandon(s, file);
                if (suite.abandonFails && !suite.answers()) {
                    throw new CheckFailure("the dialect is " + d.name() + " (a 1603 with the right sum)" + after
                            + "; the server stopped answering after it");
                }
                String crc = (suite.crc32 ? " (the 1603 carries zlib's CRC-32, not the cksum)" : "")
                        + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
                if (tried.isEmpty()) {
                    return Outcome.pass("a 1025-byte upload in the spec dialect → 1603 with the right sum" + crc + after);
                }
                return Outcome.warn("the server needs " + d.name() + crc + " (" + String.join("; ", tried) + ")" + after);
            } catch (IOException | CheckFailure e) {
                if (suite.dialectFound) {
                    throw e;
                }
                tried.add(d.name() + ": " + (e instanceof IOException io ? SuiteContext.describe(io) : e.getMessage()));
                if (!suite.answers()) {
                    suite.target = full;
                    throw new CheckFailure("the server stopped answering during the dialect search: "
                            + String.join("; ", tried));
                }
            } finally {
                if (!suite.dialectFound) {
                    suite.target = full;
                }
            }
        }
        throw new CheckFailure("no dialect of §8 brought a 1603 with the right cksum: " + String.join("; ", tried));
    }

    /** The main client reconnected on {@code t}, else a fresh name registered on a fresh connection. */
    private Session session(Target t, List<String> notes, Dialect d) throws IOException, CheckFailure {
        freshName = null;
        if (reconnectRefused) {
            return registered(t);
        }
        Session s = Session.open(t);
        try {
            s.reconnect(suite.mainName, suite.mainId, suite.keys);
            return s;
        } catch (IOException | CheckFailure e) {
            s.close();
            reconnectRefused = true;
            notes.add("827 in " + d.name() + ": " + (e instanceof IOException io ? SuiteContext.describe(io)
                    : e.getMessage()) + ", so fresh registrations");
        }
        return registered(t);
    }

    private Session registered(Target t) throws IOException, CheckFailure {
        String name = suite.newName();
        Session s = Session.registered(t, name, suite.keys);
        freshName = name;
        return s;
    }

    /** 902 after the dialect's 1603: what the server did, for the evidence (a failure here is 902's check's). */
    private String abandon(Session s, NameField file) {
        try {
            Reply r = s.verdict(CrcReport.Verdict.ABORT, file);
            return r.code() == SuiteContext.THANKS ? "" : "; 902 after it → " + r.describe();
        } catch (IOException e) {
            suite.abandonFails = true;
            return "; 902 after it: " + SuiteContext.describe(e);
        }
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
            case SINGLE_PACKET -> "the whole file in one 828, whatever its size";
        };
    }

    /** The plaintext bytes a packet carries in the dialect of {@code t}. */
    static int packetData(Target t) {
        return t.dialect().has(DialectFeature.PER_PACKET) ? t.chunk() + 16 : t.chunk();
    }
}
