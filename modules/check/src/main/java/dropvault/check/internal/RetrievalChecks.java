package dropvault.check.internal;

import static dropvault.check.internal.SuiteContext.THANKS;

import dropvault.crypto.Cksum;
import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.RequestEncoder;
import dropvault.retrieval.ContentHeader;
import dropvault.retrieval.ContentRequest;
import dropvault.retrieval.FileRow;
import dropvault.retrieval.ListingPage;
import dropvault.retrieval.MalformedBodyException;
import dropvault.retrieval.NotAvailable;
import dropvault.retrieval.RetrievalCodes;
import dropvault.retrieval.SealedChannel;
import dropvault.retrieval.UnsealException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * dropvault's retrieval extension (PROTOCOL.md §10), which a server may or may not offer: whether it does,
 * and when it does, the list, downloads of every size class and of a version, what is not there, and a
 * request sealed with the wrong key.
 */
final class RetrievalChecks {
    /** Contents the checks store and get back: empty, one byte, around a 1642 piece, several pieces. */
    static final long[] SIZES = {0, 1, RetrievalCodes.PIECE_SIZE, RetrievalCodes.PIECE_SIZE + 1,
            3L * RetrievalCodes.PIECE_SIZE + 17};

    private final SuiteContext suite;
    /** Whether the server answered 840 with a 1640 that opened; null until {@link #offered()} ran. */
    Boolean offered;

    RetrievalChecks(SuiteContext suite) {
        this.suite = suite;
    }

    /** A session's sealed side, for the main client reconnected on it. */
    private static final class Sealed {
        final Session session;
        final SealedChannel channel;

        Sealed(Session session, byte[] key) {
            this.session = session;
            this.channel = new SealedChannel(key, session.id, session.crypto().random());
        }

        Reply ask(int code, byte[] body) throws IOException {
            session.peer.send(RequestEncoder.encode(session.id, new OpaquePayload(code, channel.seal(code, body))));
            return session.peer.read();
        }

        byte[] open(Reply r, int code) throws CheckFailure {
            if (r.code() != code) {
                throw new CheckFailure("answered " + r.describe() + " where " + code + " belongs");
            }
            try {
                return channel.open(code, r.payload());
            } catch (UnsealException e) {
                throw new CheckFailure(code + " does not open with the connection's key: " + e.getMessage());
            }
        }

        List<FileRow> list() throws IOException, CheckFailure {
            Reply first = ask(RetrievalCodes.LIST, new byte[0]);
            List<FileRow> rows = new ArrayList<>();
            for (Reply r = first; ; r = session.peer.read()) {
                Reply page = r;
                ListingPage p = decode(() -> ListingPage.decode(open(page, RetrievalCodes.FILES)));
                rows.addAll(p.rows());
                if (p.last()) {
                    return rows;
                }
            }
        }

        /** 841, the content's size and cksum checked against the header and {@code expected}. */
        ContentHeader get(String name, long version, Plaintext expected) throws IOException, CheckFailure {
            Reply r = ask(RetrievalCodes.GET, new ContentRequest(name, version).encode());
            ContentHeader h = decode(() -> ContentHeader.decode(open(r, RetrievalCodes.CONTENT_BEGINS)));
            Cksum cksum = new Cksum();
            for (long i = 0; i < h.pieces(); i++) {
                cksum.update(open(session.peer.read(), RetrievalCodes.CONTENT_PIECE));
            }
            if (cksum.length() != h.size() || cksum.value() != h.cksum()) {
                throw new CheckFailure(String.format(Locale.ROOT, "%s: %d bytes of cksum %d arrived; 1641 announced %d"
                        + " bytes of cksum %d", name, cksum.length(), cksum.value(), h.size(), h.cksum()));
            }
            if (h.size() != expected.size() || h.cksum() != expected.cksum()) {
                throw new CheckFailure(String.format(Locale.ROOT, "%s: %d bytes of cksum %d came back; %d bytes of"
                        + " cksum %d were stored", name, h.size(), h.cksum(), expected.size(), expected.cksum()));
            }
            return h;
        }

        NotAvailable refused(String name, long version) throws IOException, CheckFailure {
            Reply r = ask(RetrievalCodes.GET, new ContentRequest(name, version).encode());
            return decode(() -> NotAvailable.decode(open(r, RetrievalCodes.NOT_AVAILABLE)));
        }
    }

    private interface Decoding<T> {
        T decode() throws MalformedBodyException, CheckFailure;
    }

    private static <T> T decode(Decoding<T> d) throws CheckFailure {
        try {
            return d.decode();
        } catch (MalformedBodyException e) {
            throw new CheckFailure("a malformed sealed body: " + e.getMessage());
        }
    }

    private Sealed sealed(Session s) {
        return new Sealed(s, s.aesKey);
    }

    /** 840 on a reconnected session: a 1640 that opens, or an error, a close or silence. */
    Outcome offered() throws IOException, CheckFailure {
        try (Session s = suite.reconnected()) {
            Reply r;
            try {
                r = sealed(s).ask(RetrievalCodes.LIST, new byte[0]);
            } catch (IOException e) {
                offered = false;
                return Outcome.pass("not offered: 840 → " + SuiteContext.describe(e) + " (the extension is dropvault's"
                        + " own; the rest of §10 is not checked)");
            }
            if (r.code() != RetrievalCodes.FILES) {
                offered = false;
                return Outcome.pass("not offered: 840 → " + r.describe() + " (the extension is dropvault's own; the"
                        + " rest of §10 is not checked)");
            }
            sealed(s).open(r, RetrievalCodes.FILES);
            offered = true;
            return Outcome.pass("offered: 840 → 1640, sealed with the connection's key");
        }
    }

    /** Files of every size class stored, listed with their sizes and cksums, and brought back. */
    Outcome listAndGet() throws IOException, CheckFailure {
        try (Session s = suite.reconnected()) {
            Sealed sealed = sealed(s);
            List<Plaintext> stored = new ArrayList<>();
            for (long size : SIZES) {
                Plaintext p = suite.plaintext(size);
                store(s, p, name(size));
                stored.add(p);
            }
            List<FileRow> rows = sealed.list();
            for (int i = 0; i < SIZES.length; i++) {
                String name = name(SIZES[i]);
                Plaintext p = stored.get(i);
                FileRow row = rows.stream().filter(f -> f.name().equals(name) && f.current()).findFirst()
                        .orElseThrow(() -> new CheckFailure("840 does not list " + name + " after 1604"));
                if (row.size() != p.size() || row.cksum() != p.cksum() || !row.confirmed()) {
                    throw new CheckFailure("840 lists " + row + "; " + p.size() + " bytes of cksum " + p.cksum()
                            + " were stored and confirmed");
                }
                sealed.get(name, 0, p);
            }
            return Outcome.pass(String.format(Locale.ROOT, "%d files listed with size and cksum; 841 brought each back"
                    + " (%s bytes), cksums matching", SIZES.length, java.util.Arrays.toString(SIZES)));
        }
    }

    /** A name stored twice: version 1 is the first content. */
    Outcome version() throws IOException, CheckFailure {
        try (Session s = suite.reconnected()) {
            String name = "retrieval-twice-" + suite.newName() + ".bin";
            Plaintext first = suite.plaintext(1000);
            Plaintext second = suite.plaintext(2000);
            store(s, first, name);
            store(s, second, name);
            Sealed sealed = sealed(s);
            long version = sealed.list().stream().filter(f -> f.name().equals(name) && !f.current())
                    .mapToLong(FileRow::version).max()
                    .orElseThrow(() -> new CheckFailure("840 lists no version of " + name + " after a second upload"));
            sealed.get(name, version, first);
            sealed.get(name, 0, second);
            return Outcome.pass("a name stored twice: 841 version " + version + " is the first content, version 0 the"
                    + " second");
        }
    }

    /** Unknown names and versions: 1644, the connection stays open. */
    Outcome notAvailable() throws IOException, CheckFailure {
        try (Session s = suite.reconnected()) {
            Sealed sealed = sealed(s);
            NotAvailable file = sealed.refused("retrieval-never-stored-" + suite.newName(), 0);
            NotAvailable version = sealed.refused(name(1), 4_000_000_000L);
            if (file.reason() != NotAvailable.Reason.NO_SUCH_FILE
                    || version.reason() != NotAvailable.Reason.NO_SUCH_VERSION) {
                throw new CheckFailure("1644 reasons " + file.reason() + " and " + version.reason()
                        + "; expected NO_SUCH_FILE and NO_SUCH_VERSION");
            }
            sealed.list();
            return Outcome.pass("an unknown name and an unknown version → 1644 each, then 840 on the same connection");
        }
    }

    /** A request sealed with another key than the connection's: 1607 and a close. */
    Outcome wrongKey() throws IOException, CheckFailure {
        try (Session s = suite.reconnected()) {
            byte[] wrong = s.aesKey.clone();
            wrong[0] ^= 1;
            Reply r = new Sealed(s, wrong).ask(RetrievalCodes.LIST, new byte[0]);
            if (r.code() != 1607) {
                throw new CheckFailure("840 sealed with another key → " + r.describe() + ", not 1607");
            }
            if (!s.peer.closedByServer()) {
                return Outcome.warn("840 sealed with another key → 1607, but the connection stays open");
            }
            return Outcome.pass("840 sealed with another key → 1607 and a close");
        }
    }

    private static String name(long size) {
        return "retrieval-" + size + ".bin";
    }

    private void store(Session s, Plaintext p, String name) throws IOException, CheckFailure {
        NameField file = NameField.of(name);
        FileReply f = FileReply.of(s.upload(p, file));
        if (!suite.sumMatches(f.cksum(), p)) {
            throw new CheckFailure("1603 cksum " + f.cksum() + " for " + name + ", the file's is " + p.cksum());
        }
        Reply thanks = s.verdict(CrcReport.Verdict.MATCHED, file);
        if (thanks.code() != THANKS) {
            throw new CheckFailure("900 → " + thanks.describe() + ", not 1604");
        }
    }
}
