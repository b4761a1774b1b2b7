package dropvault.check.internal;

import static dropvault.check.internal.DialectChecks.PROBE_SIZE;
import static dropvault.check.internal.SuiteContext.THANKS;

import dropvault.protocol.CrcReport;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Uploads in the server's dialect (§2, §3, §5): each size, the fields of 1603, 900, 901 with the resend, 902, split writes. */
final class UploadChecks {
    /** Upload sizes of the suite (§4: around the AES block and the 1024-byte packet). */
    static final long[] SIZES = {0, 1, 15, 16, 17, 1023, 1024, 1025, 1L << 20, 10L << 20, 100L << 20};

    private final SuiteContext suite;

    UploadChecks(SuiteContext suite) {
        this.suite = suite;
    }

    static String sizeLabel(long size) {
        if (size >= 1 << 20 && size % (1 << 20) == 0) {
            return (size >> 20) + "MiB";
        }
        if (size >= 1 << 10 && size % (1 << 10) == 0) {
            return (size >> 10) + "KiB";
        }
        return size + "B";
    }

    Outcome uploadOf(long size) throws IOException, CheckFailure {
        if (size > suite.settings.maxUpload()) {
            return Outcome.warn("not run: larger than --max-upload " + suite.settings.maxUpload());
        }
        long started = System.nanoTime();
        try (Session s = suite.reconnected()) {
            Plaintext p = suite.plaintext(size);
            NameField file = NameField.of("upload-" + sizeLabel(size) + ".bin");
            FileReply f = FileReply.of(s.upload(p, file));
            if (!suite.sumMatches(f.cksum(), p)) {
                throw new CheckFailure(String.format(Locale.ROOT, "1603 cksum %d, the file's is %d", f.cksum(), p.cksum()));
            }
            Reply thanks = s.verdict(CrcReport.Verdict.MATCHED, file);
            if (thanks.code() != THANKS) {
                throw new CheckFailure("900 → " + thanks.describe() + ", not 1604");
            }
            int packets = s.frames(p, file, suite.target.dialect()).totalPackets();
            return Outcome.pass(String.format(Locale.ROOT, "%d packet%s → 1603 cksum %d (ours), 900 → 1604 in %d ms",
                    packets, packets == 1 ? "" : "s", f.cksum(),
                    (System.nanoTime() - started) / 1_000_000));
        }
    }

    Outcome fileReplyFields() throws IOException, CheckFailure {
        try (Session s = suite.reconnected()) {
            Plaintext p = suite.plaintext(PROBE_SIZE);
            NameField file = NameField.of("fields.bin");
            Reply r = s.upload(p, file);
            FileReply f = FileReply.of(r);
            long content = s.frames(p, file, suite.target.dialect()).contentSize();
            if (!Arrays.equals(f.clientId(), suite.mainId.toBytes())) {
                throw new CheckFailure("1603 client id " + Reply.Hex.head(f.clientId(), 16) + ", ours is " + suite.mainId.hex());
            }
            if (!suite.sumMatches(f.cksum(), p)) {
                throw new CheckFailure("1603 cksum " + f.cksum() + ", the file's is " + p.cksum());
            }
            suite.tidy(s, file);
            List<String> warnings = new ArrayList<>();
            if (f.contentSize() == p.size()) {
                warnings.add("content size " + f.contentSize() + " is the plaintext size, not the ciphertext's " + content);
            } else if (f.contentSize() != content) {
                throw new CheckFailure("1603 content size " + f.contentSize() + ", the ciphertext was " + content);
            }
            byte[] sent = file.toBytes();
            if (f.unpaddedName()) {
                int len = file.textLength();
                if (!Arrays.equals(f.nameField(), 0, f.nameField().length, sent, 0, Math.min(len + 1, f.nameField().length))
                        && !Arrays.equals(f.nameField(), 0, f.nameField().length, sent, 0, Math.min(len, f.nameField().length))) {
                    throw new CheckFailure("1603 (" + r.payload().length + " bytes) name " + Reply.Hex.head(f.nameField(), 12)
                            + " is not ours");
                }
                warnings.add("1603 of " + r.payload().length + " bytes: the name unpadded, not the 255-byte field");
            } else {
                int at = Arrays.mismatch(f.nameField(), sent);
                if (at >= 0) {
                    throw new CheckFailure("1603 name field differs from ours at byte " + at + ": "
                            + Reply.Hex.at(f.nameField(), at, 8) + " vs " + Reply.Hex.at(sent, at, 8));
                }
            }
            String fields = "id, content size " + f.contentSize() + ", name echo, cksum " + f.cksum();
            return warnings.isEmpty() ? Outcome.pass(fields + ": all as sent")
                    : Outcome.warn(String.join("; ", warnings));
        }
    }

    Outcome confirm() throws IOException, CheckFailure {
        return verdictAfterUpload(100, "confirm.bin", CrcReport.Verdict.MATCHED, "900");
    }

    /** An upload of {@code size} bytes as {@code fileName}, then {@code verdict}: 1604 for it. */
    private Outcome verdictAfterUpload(long size, String fileName, CrcReport.Verdict verdict, String what)
            throws IOException, CheckFailure {
        try (Session s = suite.reconnected()) {
            Plaintext p = suite.plaintext(size);
            NameField file = NameField.of(fileName);
            FileReply.of(s.upload(p, file));
            return thanks(s.verdict(verdict, file), what);
        }
    }

    private Outcome thanks(Reply r, String what) throws CheckFailure {
        if (r.code() != THANKS) {
            throw new CheckFailure(what + " → " + r.describe() + ", not 1604");
        }
        if (r.declared() == 0) {
            return Outcome.warn(what + " → 1604 with no payload (§8); the text's carries the client id");
        }
        if (!Arrays.equals(r.payload(), suite.mainId.toBytes())) {
            throw new CheckFailure(what + " → 1604 with id " + Reply.Hex.head(r.payload(), 16) + ", not ours " + suite.mainId.hex());
        }
        if (r.declared() != 16) {
            return Outcome.warn(what + " → 1604 declaring " + r.declared() + " payload bytes (§8), not 16");
        }
        return Outcome.pass(what + " → 1604 (16 bytes, our id)");
    }

    Outcome resend() throws IOException, CheckFailure {
        try (Session s = suite.reconnected()) {
            Plaintext p = suite.plaintext(3000);
            NameField file = NameField.of("resend.bin");
            FileReply.of(s.upload(p, file));
            s.verdict(CrcReport.Verdict.RETRY, file);
            Reply r = s.upload(p, file);
            String note = "";
            if (r.code() == THANKS) {
                note = "; 901 was answered with 1604 (§8), the text leaves it unanswered";
                r = s.peer.read();
            }
            FileReply f = FileReply.of(r);
            if (!suite.sumMatches(f.cksum(), p)) {
                throw new CheckFailure("the resend's 1603 cksum " + f.cksum() + ", the file's is " + p.cksum());
            }
            Outcome t = thanks(s.verdict(CrcReport.Verdict.MATCHED, file), "900 after the resend");
            if (!note.isEmpty()) {
                return Outcome.warn("901, the packets again → 1603" + note);
            }
            return t.status() == Status.PASS ? Outcome.pass("901, the packets again → 1603 with the right cksum, 900 → 1604") : t;
        }
    }

    Outcome abandon() throws IOException, CheckFailure {
        return verdictAfterUpload(2000, "abandon.bin", CrcReport.Verdict.ABORT, "902");
    }

    Outcome splitWrites() throws IOException, CheckFailure {
        Target split = suite.target.withDialect(suite.target.dialect().with(DialectFeature.SPLIT_WRITES));
        try (Session s = Session.open(split)) {
            s.reconnect(suite.mainName, suite.mainId, suite.keys);
            Plaintext p = suite.plaintext(5000);
            NameField file = NameField.of("split.bin");
            FileReply f = FileReply.of(s.upload(p, file));
            if (!suite.sumMatches(f.cksum(), p)) {
                throw new CheckFailure("1603 cksum " + f.cksum() + ", the file's is " + p.cksum());
            }
            Reply t = s.verdict(CrcReport.Verdict.MATCHED, file);
            if (t.code() != THANKS) {
                throw new CheckFailure("900 → " + t.describe());
            }
            return Outcome.pass("827, 828s and 900 each written as header, fixed fields, name and data apart → 1605, 1603, 1604");
        }
    }
}
