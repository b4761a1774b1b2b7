package dropvault.check.internal;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.Protocol;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.ResponseCode;
import java.io.EOFException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code dropvault-check server}: the fixed, numbered suite. Each check names the PROTOCOL.md section
 * it tests and ends in pass, warn or fail with one line of evidence. The first checks find the
 * dialect the server needs; the rest run in it.
 */
public final class ServerSuite {
    static final int REGISTERED = ResponseCode.REGISTERED.code();
    static final int REFUSED = ResponseCode.REGISTRATION_FAILED.code();
    static final int KEY_ISSUED = ResponseCode.KEY_ISSUED.code();
    static final int THANKS = ResponseCode.THANKS.code();
    static final int RECONNECTED = ResponseCode.RECONNECTED.code();
    static final int RECONNECT_REFUSED = ResponseCode.RECONNECT_REFUSED.code();
    static final int ERROR = ResponseCode.GENERAL_ERROR.code();

    /** Upload sizes of the suite (§4: around the AES block and the 1024-byte packet). */
    static final long[] SIZES = {0, 1, 15, 16, 17, 1023, 1024, 1025, 1L << 20, 10L << 20, 100L << 20};
    /** The size the dialect is found with: two packets, the last one short. */
    static final long PROBE_SIZE = 1025;

    private final ServerSettings settings;
    private final CryptoSuite crypto;
    private final KeyPair keys;
    private final String prefix;
    private final List<CheckResult> results = new ArrayList<>();
    private Target target;
    private int seq;
    private int names;
    private int seeds;
    private String mainName;
    private ClientId mainId;

    private record Outcome(Status status, String evidence) {
        static Outcome pass(String evidence) {
            return new Outcome(Status.PASS, evidence);
        }

        static Outcome warn(String evidence) {
            return new Outcome(Status.WARN, evidence);
        }
    }

    @FunctionalInterface
    private interface Body {
        Outcome run() throws Exception;
    }

    public ServerSuite(ServerSettings settings) {
        this.settings = settings;
        this.crypto = CryptoSuite.create(settings.provider());
        this.keys = crypto.generateKeyPair();
        byte[] tag = new byte[4];
        crypto.random().nextBytes(tag);
        this.prefix = "dvcheck-" + HexFormat.of().formatHex(tag);
        this.target = new Target(settings.host(), settings.port(), settings.timeout(), crypto, Dialect.SPEC,
                Protocol.DEFAULT_PACKET_DATA, settings.tlsContext());
    }

    public Report run() {
        check("register", "§5", this::register);
        check("register-taken-name", "§5", this::takenName);
        check("register-name-1-char", "§1", this::shortestName);
        check("register-name-254-chars", "§1", this::longestName);
        check("public-key", "§4", this::publicKey);
        boolean haveClient = mainId != null && results.getLast().status() != Status.FAIL;
        check("reconnect", "§5", () -> haveClient ? reconnect() : skipped());
        check("reconnect-wrong-id", "§5", () -> haveClient ? wrongId() : skipped());
        check("reconnect-unknown-name", "§5", this::unknownName);
        check("after-1606-register", "§5", this::after1606Register);
        check("after-1606-public-key", "§5", this::after1606PublicKey);
        check("dialect", "§8", () -> haveClient ? findDialect() : skipped());
        for (DialectFeature f : target.dialect().features()) {
            check("needs-" + f.label(), "§8", () -> Outcome.warn("the server needs " + f.label() + ": " + why(f)));
        }
        for (long size : SIZES) {
            check("upload-" + sizeLabel(size), "§2", () -> haveClient ? uploadOf(size) : skipped());
        }
        check("1603-fields", "§3", () -> haveClient ? fileReplyFields() : skipped());
        check("900-1604", "§5", () -> haveClient ? confirm() : skipped());
        check("901-resend", "§5", () -> haveClient ? resend() : skipped());
        check("902-abandon", "§5", () -> haveClient ? abandon() : skipped());
        check("split-writes", "§1", () -> haveClient ? splitWrites() : skipped());
        check("bad-unknown-code", "§1", () -> badInput(this::unknownCode));
        check("bad-oversized-header", "§1", () -> badInput(this::oversized));
        check("bad-truncated-frame", "§1", () -> badInput(this::truncated));
        check("bad-public-key", "§4", () -> badInput(this::badPublicKey));
        check("bad-packet-without-key", "§5", () -> badInput(this::packetWithoutKey));
        check("bad-padding", "§4", () -> haveClient ? badInput(this::badPadding) : skipped());
        check("sessions-" + settings.sessions() + "-at-once", "§1", this::concurrentSessions);
        if (settings.restartCommand().isPresent()) {
            check("restart-keeps-state", "§7", () -> haveClient ? restart() : skipped());
        }
        return new Report("server", target.address(), new WireDialect(target.dialect(), packetData(target.dialect())),
                results);
    }

    private void check(String name, String section, Body body) {
        String id = String.format(Locale.ROOT, "%02d-%s", ++seq, name);
        Outcome o;
        try {
            o = body.run();
        } catch (CheckFailure e) {
            o = new Outcome(Status.FAIL, e.getMessage());
        } catch (IOException e) {
            o = new Outcome(Status.FAIL, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            o = new Outcome(Status.FAIL, "interrupted");
        } catch (Exception e) {
            o = new Outcome(Status.FAIL, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        results.add(new CheckResult(id, section, o.status(), o.evidence()));
    }

    static String describe(IOException e) {
        if (e instanceof StepTimeoutException || e instanceof DepartureException || e instanceof EOFException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private Outcome skipped() throws CheckFailure {
        throw new CheckFailure("not run: no client could be registered (see the checks above)");
    }

    private String newName() {
        return prefix + "-" + (++names);
    }

    private Plaintext plaintext(long size) {
        return new Plaintext(size, ((long) prefix.hashCode() << 20) + (++seeds));
    }

    // ---- registration, key, reconnection

    private Outcome register() throws IOException, CheckFailure {
        String name = newName();
        String refused;
        try (Session s = Session.open(target)) {
            Reply r = s.register(name);
            if (r.code() == REGISTERED && r.payload().length == 16) {
                mainName = name;
                mainId = s.id;
                return Outcome.pass("825 → 1600 with client id " + s.id.hex());
            }
            refused = "825 with a 255-byte name → " + r.describe();
        } catch (IOException e) {
            refused = "825 with a 255-byte name: " + describe(e);
        }
        // some servers need 825 with the name and one NUL only (§8)
        Target unpadded = target.withDialect(target.dialect().with(DialectFeature.UNPADDED_NAMES));
        try (Session s = Session.open(unpadded)) {
            Reply r = s.register(name);
            CheckFailure.expect(r, REGISTERED, 16);
            target = unpadded;
            mainName = name;
            mainId = s.id;
            return Outcome.warn(refused + "; with the name and one NUL → 1600");
        } catch (IOException | CheckFailure e) {
            throw new CheckFailure(refused);
        }
    }

    private Outcome takenName() throws IOException, CheckFailure {
        if (mainName == null) {
            return skipped();
        }
        try (Session s = Session.open(target)) {
            Reply r = s.register(mainName);
            if (r.code() == REFUSED) {
                CheckFailure.expect(r, REFUSED, 0);
                return Outcome.pass("825 of a taken name → 1601 (0 bytes)");
            }
            throw new CheckFailure("825 of the name registered in check 01 → " + r.describe() + ", not 1601");
        }
    }

    private Outcome shortestName() throws IOException, CheckFailure {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        int start = crypto.random().nextInt(alphabet.length());
        for (int i = 0; i < 12; i++) {
            String name = String.valueOf(alphabet.charAt((start + i * 7) % alphabet.length()));
            try (Session s = Session.open(target)) {
                Reply r = s.register(name);
                if (r.code() == REGISTERED) {
                    CheckFailure.expect(r, REGISTERED, 16);
                    return Outcome.pass("825 of '" + name + "' → 1600");
                }
                if (r.code() != REFUSED) {
                    throw new CheckFailure("825 of the 1-character name '" + name + "' → " + r.describe());
                }
            }
        }
        return Outcome.warn("12 one-character names were all refused with 1601 (taken by earlier runs?)");
    }

    private Outcome longestName() throws IOException, CheckFailure {
        String base = newName();
        String name = base + "x".repeat(NameField.MAX_LENGTH - base.length());
        try (Session s = Session.open(target)) {
            Reply r = s.register(name);
            CheckFailure.expect(r, REGISTERED, 16);
            return Outcome.pass("825 of a 254-character name → 1600");
        }
    }

    private Outcome publicKey() throws IOException, CheckFailure {
        if (mainName == null) {
            return skipped();
        }
        // a client of its own: the first one's registration connection is closed
        String name = newName();
        try (Session s = Session.open(target)) {
            CheckFailure.expect(s.register(name), REGISTERED, 16);
            s.sendKey(name, keys);
            mainName = name;
            mainId = s.id;
            return Outcome.pass("826 → 1602 of 144 bytes; the key unwraps to 32 bytes");
        }
    }

    private Outcome reconnect() throws IOException, CheckFailure {
        byte[] first;
        try (Session s = Session.open(target)) {
            s.reconnect(mainName, mainId, keys);
            first = s.aesKey;
        }
        try (Session s = Session.open(target)) {
            s.reconnect(mainName, mainId, keys);
            if (Arrays.equals(first, s.aesKey)) {
                throw new CheckFailure("two reconnects got the same AES key; §4 wants a new one for every 827");
            }
        }
        return Outcome.pass("827 → 1605 of 144 bytes, twice, each a fresh 32-byte key");
    }

    private Outcome wrongId() throws IOException, CheckFailure {
        try (Session s = Session.open(target)) {
            s.id = ClientId.random(crypto.random());
            Reply r = s.ask(new ReconnectRequest(NameField.of(mainName)));
            return refused(r, "827 of a registered name with a wrong id");
        }
    }

    private Outcome unknownName() throws IOException, CheckFailure {
        try (Session s = Session.open(target)) {
            s.id = ClientId.random(crypto.random());
            Reply r = s.ask(new ReconnectRequest(NameField.of(newName())));
            return refused(r, "827 of an unknown name");
        }
    }

    private static Outcome refused(Reply r, String what) throws CheckFailure {
        if (r.code() != RECONNECT_REFUSED) {
            throw new CheckFailure(what + " → " + r.describe() + ", not 1606");
        }
        if (r.payload().length == 0) {
            return Outcome.warn(what + " → 1606 with an empty payload (§8); the text's 1606 carries a client id");
        }
        CheckFailure.expect(r, RECONNECT_REFUSED, 16);
        return Outcome.pass(what + " → 1606 (16 bytes)");
    }

    private Outcome after1606Register() throws IOException, CheckFailure {
        String name = newName();
        try (Session s = Session.open(target)) {
            s.id = ClientId.random(crypto.random());
            Reply r = s.ask(new ReconnectRequest(NameField.of(name)));
            if (r.code() != RECONNECT_REFUSED) {
                throw new CheckFailure("827 of an unknown name → " + r.describe() + ", not 1606");
            }
            s.id = ClientId.ZERO;
            Reply reg = s.register(name);
            CheckFailure.expect(reg, REGISTERED, 16);
            s.sendKey(name, keys);
            return Outcome.pass("1606, then 825 → 1600 and 826 → 1602 on the same connection");
        }
    }

    private Outcome after1606PublicKey() throws IOException, CheckFailure {
        String name = newName();
        try (Session s = Session.open(target)) {
            s.id = ClientId.random(crypto.random());
            Reply r = s.ask(new ReconnectRequest(NameField.of(name)));
            if (r.code() != RECONNECT_REFUSED) {
                throw new CheckFailure("827 of an unknown name → " + r.describe() + ", not 1606");
            }
            if (r.payload().length != 16) {
                return Outcome.warn("1606 carries no client id: a client cannot send 826 straight after it");
            }
            s.id = ClientId.of(r.payload());
            Reply k = s.ask(new PublicKeyRequest(NameField.of(name), crypto.encodePublicKey(keys.getPublic())));
            if (k.code() != KEY_ISSUED) {
                return Outcome.warn("1606, then 826 with its id → " + k.describe()
                        + ": clients that skip 825 after 1606 (§8) cannot register here");
            }
            s.aesKey = s.unwrap(k, KEY_ISSUED, keys);
            return Outcome.pass("1606 with a fresh id, then 826 with it → 1602");
        }
    }

    // ---- the dialect

    private Outcome findDialect() throws IOException, CheckFailure {
        List<Dialect> candidates = new ArrayList<>();
        for (Dialect d : Dialect.NAMED) {
            candidates.add(withNames(d));
        }
        for (Dialect d : Dialect.NAMED) {
            candidates.add(withNames(d).with(DialectFeature.SPLIT_WRITES));
        }
        List<String> tried = new ArrayList<>();
        for (Dialect d : candidates) {
            Target t = target.withDialect(d);
            try (Session s = Session.open(t)) {
                s.reconnect(mainName, mainId, keys);
                Plaintext p = plaintext(PROBE_SIZE);
                NameField file = NameField.of("probe.bin");
                FileReply f = FileReply.of(s.upload(p, file));
                if (f.cksum() != p.cksum()) {
                    tried.add(d.name() + ": 1603 cksum " + f.cksum() + " != " + p.cksum());
                    continue;
                }
                s.verdict(CrcReport.Verdict.ABORT, file);
                target = t;
                if (tried.isEmpty()) {
                    return Outcome.pass("a 1025-byte upload in the spec dialect → 1603 with the right cksum");
                }
                return Outcome.warn("the server needs " + d.name() + " (" + String.join("; ", tried) + ")");
            } catch (IOException | CheckFailure e) {
                tried.add(d.name() + ": " + (e instanceof IOException io ? describe(io) : e.getMessage()));
            }
        }
        throw new CheckFailure("no dialect of §8 brought a 1603 with the right cksum: " + String.join("; ", tried));
    }

    private Dialect withNames(Dialect d) {
        return target.dialect().has(DialectFeature.UNPADDED_NAMES) ? d.with(DialectFeature.UNPADDED_NAMES) : d;
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

    private int packetData(Dialect d) {
        return d.has(DialectFeature.PER_PACKET) ? target.chunk() + 16 : target.chunk();
    }

    // ---- uploads

    static String sizeLabel(long size) {
        if (size >= 1 << 20 && size % (1 << 20) == 0) {
            return (size >> 20) + "MiB";
        }
        if (size >= 1 << 10 && size % (1 << 10) == 0) {
            return (size >> 10) + "KiB";
        }
        return size + "B";
    }

    private Outcome uploadOf(long size) throws IOException, CheckFailure {
        if (size > settings.maxUpload()) {
            return Outcome.warn("not run: larger than --max-upload " + settings.maxUpload());
        }
        long started = System.nanoTime();
        try (Session s = reconnected()) {
            Plaintext p = plaintext(size);
            NameField file = NameField.of("upload-" + sizeLabel(size) + ".bin");
            FileReply f = FileReply.of(s.upload(p, file));
            if (f.cksum() != p.cksum()) {
                throw new CheckFailure(String.format(Locale.ROOT, "1603 cksum %d, the file's is %d", f.cksum(), p.cksum()));
            }
            Reply thanks = s.verdict(CrcReport.Verdict.MATCHED, file);
            if (thanks.code() != THANKS) {
                throw new CheckFailure("900 → " + thanks.describe() + ", not 1604");
            }
            int packets = s.frames(p, file, target.dialect()).totalPackets();
            return Outcome.pass(String.format(Locale.ROOT, "%d packet%s → 1603 cksum %d (ours), 900 → 1604 in %d ms",
                    packets, packets == 1 ? "" : "s", f.cksum(),
                    (System.nanoTime() - started) / 1_000_000));
        }
    }

    private Session reconnected() throws IOException, CheckFailure {
        Session s = Session.open(target);
        try {
            s.reconnect(mainName, mainId, keys);
            return s;
        } catch (IOException | CheckFailure | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private Outcome fileReplyFields() throws IOException, CheckFailure {
        try (Session s = reconnected()) {
            Plaintext p = plaintext(PROBE_SIZE);
            NameField file = NameField.of("fields.bin");
            Reply r = s.upload(p, file);
            FileReply f = FileReply.of(r);
            long content = s.frames(p, file, target.dialect()).contentSize();
            if (!Arrays.equals(f.clientId(), mainId.toBytes())) {
                throw new CheckFailure("1603 client id " + Reply.Hex.head(f.clientId(), 16) + ", ours is " + mainId.hex());
            }
            if (f.cksum() != p.cksum()) {
                throw new CheckFailure("1603 cksum " + f.cksum() + ", the file's is " + p.cksum());
            }
            s.verdict(CrcReport.Verdict.ABORT, file);
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

    private Outcome confirm() throws IOException, CheckFailure {
        try (Session s = reconnected()) {
            Plaintext p = plaintext(100);
            NameField file = NameField.of("confirm.bin");
            FileReply.of(s.upload(p, file));
            return thanks(s.verdict(CrcReport.Verdict.MATCHED, file), "900");
        }
    }

    private Outcome thanks(Reply r, String what) throws CheckFailure {
        if (r.code() != THANKS) {
            throw new CheckFailure(what + " → " + r.describe() + ", not 1604");
        }
        if (r.declared() == 0) {
            return Outcome.warn(what + " → 1604 with no payload (§8); the text's carries the client id");
        }
        if (!Arrays.equals(r.payload(), mainId.toBytes())) {
            throw new CheckFailure(what + " → 1604 with id " + Reply.Hex.head(r.payload(), 16) + ", not ours " + mainId.hex());
        }
        if (r.declared() != 16) {
            return Outcome.warn(what + " → 1604 declaring " + r.declared() + " payload bytes (§8), not 16");
        }
        return Outcome.pass(what + " → 1604 (16 bytes, our id)");
    }

    private Outcome resend() throws IOException, CheckFailure {
        try (Session s = reconnected()) {
            Plaintext p = plaintext(3000);
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
            if (f.cksum() != p.cksum()) {
                throw new CheckFailure("the resend's 1603 cksum " + f.cksum() + ", the file's is " + p.cksum());
            }
            Outcome t = thanks(s.verdict(CrcReport.Verdict.MATCHED, file), "900 after the resend");
            if (!note.isEmpty()) {
                return Outcome.warn("901, the packets again → 1603" + note);
            }
            return t.status() == Status.PASS ? Outcome.pass("901, the packets again → 1603 with the right cksum, 900 → 1604") : t;
        }
    }

    private Outcome abandon() throws IOException, CheckFailure {
        try (Session s = reconnected()) {
            Plaintext p = plaintext(2000);
            NameField file = NameField.of("abandon.bin");
            FileReply.of(s.upload(p, file));
            return thanks(s.verdict(CrcReport.Verdict.ABORT, file), "902");
        }
    }

    private Outcome splitWrites() throws IOException, CheckFailure {
        Target split = target.withDialect(target.dialect().with(DialectFeature.SPLIT_WRITES));
        try (Session s = Session.open(split)) {
            s.reconnect(mainName, mainId, keys);
            Plaintext p = plaintext(5000);
            NameField file = NameField.of("split.bin");
            FileReply f = FileReply.of(s.upload(p, file));
            if (f.cksum() != p.cksum()) {
                throw new CheckFailure("1603 cksum " + f.cksum() + ", the file's is " + p.cksum());
            }
            Reply t = s.verdict(CrcReport.Verdict.MATCHED, file);
            if (t.code() != THANKS) {
                throw new CheckFailure("900 → " + t.describe());
            }
            return Outcome.pass("827, 828s and 900 each written as header, fixed fields, name and data apart → 1605, 1603, 1604");
        }
    }

    // ---- bad input: each followed by a clean session

    @FunctionalInterface
    private interface Hostile {
        String run(Session s) throws Exception;
    }

    private Outcome badInput(Hostile h) throws Exception {
        String seen;
        try (Session s = Session.open(target)) {
            seen = h.run(s);
        }
        try (Session s = reconnectedOrRegistered()) {
            Plaintext p = plaintext(300);
            NameField file = NameField.of("after-bad-input.bin");
            FileReply f = FileReply.of(s.upload(p, file));
            if (f.cksum() != p.cksum()) {
                throw new CheckFailure(seen + "; then a clean session's 1603 has cksum " + f.cksum() + ", not " + p.cksum());
            }
            s.verdict(CrcReport.Verdict.ABORT, file);
        } catch (IOException | CheckFailure e) {
            throw new CheckFailure(seen + "; then a clean session failed: "
                    + (e instanceof IOException io ? describe(io) : e.getMessage()));
        }
        return Outcome.pass(seen + "; then a clean session: ok");
    }

    private Session reconnectedOrRegistered() throws IOException, CheckFailure {
        if (mainId != null) {
            return reconnected();
        }
        String name = newName();
        return Session.registered(target, name, keys);
    }

    /** 1607 or a closed connection; anything else fails. */
    private String refusal(Session s, String what) throws IOException, CheckFailure {
        Reply r;
        try {
            r = s.peer.read();
        } catch (EOFException | java.net.SocketException e) {
            return what + " → connection closed";
        } catch (StepTimeoutException e) {
            throw new CheckFailure(what + " → neither 1607 nor a close: " + e.getMessage());
        }
        if (r.code() == ERROR) {
            return what + " → 1607";
        }
        throw new CheckFailure(what + " → " + r.describe() + ", not 1607");
    }

    private String unknownCode(Session s) throws IOException, CheckFailure {
        s.peer.send(RequestEncoder.encode(ClientId.ZERO, new OpaquePayload(999, new byte[0])));
        return refusal(s, "code 999");
    }

    private String oversized(Session s) throws IOException, CheckFailure {
        byte[] header = RequestEncoder.encode(ClientId.ZERO, new RegisterRequest(NameField.of(newName())));
        Le.putU32(header, 19, 0x4000_0000L);
        s.peer.send(header);
        return refusal(s, "825 declaring 1 GiB of payload");
    }

    private String truncated(Session s) throws IOException {
        byte[] frame = RequestEncoder.encode(ClientId.ZERO, new RegisterRequest(NameField.of(newName())));
        s.peer.send(frame, 0, 40);
        return "825 cut after 40 of 278 bytes, connection closed";
    }

    private String badPublicKey(Session s) throws IOException, CheckFailure {
        String name = newName();
        CheckFailure.expect(s.register(name), REGISTERED, 16);
        byte[] junk = new byte[Protocol.PUBLIC_KEY_SIZE];
        crypto.random().nextBytes(junk);
        s.send(new PublicKeyRequest(NameField.of(name), junk));
        return refusal(s, "826 with 160 random bytes as key");
    }

    private String packetWithoutKey(Session s) throws IOException, CheckFailure {
        byte[] data = new byte[32];
        s.id = ClientId.random(crypto.random());
        s.peer.send(RequestEncoder.encode(s.id, new FilePacket(32, 20, 1, 1, NameField.of("x.bin"), data)));
        return refusal(s, "828 on a connection with no key");
    }

    private String badPadding(Session s) throws IOException, CheckFailure, GeneralSecurityException {
        s.reconnect(mainName, mainId, keys);
        // a ciphertext whose last block decrypts to invalid PKCS#7 padding, chosen with the key
        byte[] data = new byte[64];
        do {
            crypto.random().nextBytes(data);
        } while (paddingValid(s.aesKey, data));
        s.peer.send(RequestEncoder.encode(s.id, new FilePacket(64, 50, 1, 1, NameField.of("bad-padding.bin"), data)));
        return refusal(s, "828 whose ciphertext has bad padding");
    }

    private boolean paddingValid(byte[] key, byte[] data) throws GeneralSecurityException {
        AesCbcStream d = crypto.decryptor(key);
        d.update(data, 0, data.length);
        try {
            d.finish();
            return true;
        } catch (javax.crypto.BadPaddingException e) {
            return false;
        }
    }

    // ---- load and state

    private Outcome concurrentSessions() throws Exception {
        int n = settings.sessions();
        CountDownLatch connected = new CountDownLatch(n);
        long size = Math.min(64 * 1024, settings.maxUpload());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = newName();
                Plaintext p = plaintext(size);
                runs.add(pool.submit(() -> {
                    try (Session s = Session.open(target)) {
                        connected.countDown();
                        // all connections open before any request: the sessions overlap for sure
                        if (!connected.await(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                            return "not every connection opened within the timeout";
                        }
                        CheckFailure.expect(s.register(name), REGISTERED, 16);
                        s.sendKey(name, keys);
                        NameField file = NameField.of("concurrent.bin");
                        FileReply f = FileReply.of(s.upload(p, file));
                        if (f.cksum() != p.cksum()) {
                            return "cksum " + f.cksum() + " != " + p.cksum();
                        }
                        Reply t = s.verdict(CrcReport.Verdict.MATCHED, file);
                        return t.code() == THANKS ? null : "900 → " + t.describe();
                    } catch (IOException e) {
                        return describe(e);
                    } catch (CheckFailure e) {
                        return e.getMessage();
                    }
                }));
            }
            List<String> failed = new ArrayList<>();
            long deadline = System.nanoTime() + settings.timeout().toNanos() * 4;
            for (Future<String> f : runs) {
                String problem;
                try {
                    problem = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    problem = "did not finish within " + 4 * settings.timeout().toSeconds() + " s";
                }
                if (problem != null) {
                    failed.add(problem);
                }
            }
            if (!failed.isEmpty()) {
                throw new CheckFailure(failed.size() + " of " + n + " sessions failed, e.g. " + failed.getFirst());
            }
            return Outcome.pass(n + " sessions at once (825, 826, " + sizeLabel(size) + " upload, 900): all confirmed");
        }
    }

    private Outcome restart() throws Exception {
        String cmd = settings.restartCommand().orElseThrow();
        Process p = new ProcessBuilder("sh", "-c", cmd).inheritIO().start();
        long limit = settings.timeout().toMillis() * 6;
        if (!p.waitFor(limit, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new CheckFailure("--restart-command did not finish within " + limit + " ms");
        }
        if (p.exitValue() != 0) {
            throw new CheckFailure("--restart-command exited " + p.exitValue());
        }
        // the server may take a moment to listen again: bounded retries of the connect
        long deadline = System.nanoTime() + settings.timeout().toNanos() * 3;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Session s = Session.open(target)) {
                s.reconnect(mainName, mainId, keys);
                return Outcome.pass("after the restart, 827 of the client registered before → 1605");
            } catch (java.net.ConnectException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new CheckFailure("the server did not listen again after the restart: " + (last == null ? "" : last.getMessage()));
    }
}
