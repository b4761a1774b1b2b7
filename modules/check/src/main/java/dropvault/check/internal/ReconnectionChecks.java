package dropvault.check.internal;

import static dropvault.check.internal.SuiteContext.KEY_ISSUED;
import static dropvault.check.internal.SuiteContext.RECONNECT_REFUSED;
import static dropvault.check.internal.SuiteContext.REGISTERED;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRequest;
import java.io.IOException;
import java.util.Arrays;

/** Reconnection (§5): a fresh key for each 827, 1606 for a wrong id or an unknown name, and what a client may do after 1606. */
final class ReconnectionChecks {
    private final SuiteContext suite;

    ReconnectionChecks(SuiteContext suite) {
        this.suite = suite;
    }

    Outcome reconnect() throws IOException, CheckFailure {
        byte[] first;
        try (Session s = Session.open(suite.target)) {
            s.reconnect(suite.mainName, suite.mainId, suite.keys);
            first = s.aesKey;
        }
        try (Session s = Session.open(suite.target)) {
            s.reconnect(suite.mainName, suite.mainId, suite.keys);
            if (Arrays.equals(first, s.aesKey)) {
                throw new CheckFailure("two reconnects got the same AES key; §4 wants a new one for every 827");
            }
        }
        return Outcome.pass("827 → 1605 of 144 bytes, twice, each a fresh 32-byte key");
    }

    Outcome wrongId() throws IOException, CheckFailure {
        try (Session s = Session.open(suite.target)) {
            s.id = ClientId.random(suite.crypto.random());
            Reply r = s.ask(new ReconnectRequest(NameField.of(suite.mainName)));
            return refused(r, "827 of a registered name with a wrong id");
        }
    }

    Outcome unknownName() throws IOException, CheckFailure {
        try (Session s = Session.open(suite.target)) {
            s.id = ClientId.random(suite.crypto.random());
            Reply r = s.ask(new ReconnectRequest(NameField.of(suite.newName())));
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
        if (r.payload().length != 16 && r.text() != null && r.declared() == r.payload().length) {
            return Outcome.warn(what + " → 1606 with a text payload '" + r.text() + "' (§8); the text's 1606 carries"
                    + " a client id");
        }
        CheckFailure.expect(r, RECONNECT_REFUSED, 16);
        return Outcome.pass(what + " → 1606 (16 bytes)");
    }

    Outcome after1606Register() throws IOException, CheckFailure {
        String name = suite.newName();
        try (Session s = Session.open(suite.target)) {
            refusedReconnect(s, name);
            s.id = ClientId.ZERO;
            Reply reg = s.register(name);
            CheckFailure.expect(reg, REGISTERED, 16);
            s.sendKey(name, suite.keys);
            return Outcome.pass("1606, then 825 → 1600 and 826 → 1602 on the same connection");
        }
    }

    Outcome after1606PublicKey() throws IOException, CheckFailure {
        String name = suite.newName();
        try (Session s = Session.open(suite.target)) {
            Reply r = refusedReconnect(s, name);
            if (r.payload().length != 16) {
                return Outcome.warn("1606 carries no client id: a client cannot send 826 straight after it");
            }
            s.id = ClientId.of(r.payload());
            Reply k = s.ask(new PublicKeyRequest(NameField.of(name), suite.crypto.encodePublicKey(suite.keys.getPublic())));
            if (k.code() != KEY_ISSUED) {
                return Outcome.warn("1606, then 826 with its id → " + k.describe()
                        + ": clients that skip 825 after 1606 (§8) cannot register here");
            }
            s.aesKey = s.unwrap(k, KEY_ISSUED, suite.keys);
            return Outcome.pass("1606 with a fresh id, then 826 with it → 1602");
        }
    }

    /** 827 of {@code name}, not registered, with a random id: 1606, or the check fails. */
    private Reply refusedReconnect(Session s, String name) throws IOException, CheckFailure {
        s.id = ClientId.random(suite.crypto.random());
        Reply r = s.ask(new ReconnectRequest(NameField.of(name)));
        if (r.code() != RECONNECT_REFUSED) {
            throw new CheckFailure("827 of an unknown name → " + r.describe() + ", not 1606");
        }
        return r;
    }
}
