package dropvault.check.internal;

import static dropvault.check.internal.SuiteContext.REFUSED;
import static dropvault.check.internal.SuiteContext.REGISTERED;

import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import java.io.IOException;

/**
 * Registration and the public key (§1, §4, §5): a new name, a taken one, the shortest and the
 * longest; the first check also finds whether the server needs unpadded names (§8), the last leaves
 * the client the other checks reconnect as.
 */
final class RegistrationChecks {
    private final SuiteContext suite;

    RegistrationChecks(SuiteContext suite) {
        this.suite = suite;
    }

    Outcome register() throws IOException, CheckFailure {
        String name = suite.newName();
        String refused;
        try (Session s = Session.open(suite.target)) {
            Reply r = s.register(name);
            if (r.code() == REGISTERED && r.payload().length == 16) {
                suite.mainName = name;
                suite.mainId = s.id;
                return Outcome.pass("825 → 1600 with client id " + s.id.hex());
            }
            refused = "825 with a 255-byte name → " + r.describe();
        } catch (IOException e) {
            refused = "825 with a 255-byte name: " + SuiteContext.describe(e);
        }
        // some servers need 825 with the name and one NUL only (§8)
        Target unpadded = suite.target.withDialect(suite.target.dialect().with(DialectFeature.UNPADDED_NAMES));
        try (Session s = Session.open(unpadded)) {
            Reply r = s.register(name);
            CheckFailure.expect(r, REGISTERED, 16);
            suite.target = unpadded;
            suite.mainName = name;
            suite.mainId = s.id;
            return Outcome.warn(refused + "; with the name and one NUL → 1600");
        } catch (IOException | CheckFailure e) {
            throw new CheckFailure(refused);
        }
    }

    Outcome takenName() throws IOException, CheckFailure {
        if (suite.mainName == null) {
            return suite.skipped();
        }
        try (Session s = Session.open(suite.target)) {
            Reply r = s.register(suite.mainName);
            if (r.code() == REFUSED) {
                if (r.text() != null && r.declared() == r.payload().length) {
                    return Outcome.warn("825 of a taken name → 1601 with a text payload '" + r.text() + "' (§8);"
                            + " the text's 1601 is empty");
                }
                CheckFailure.expect(r, REFUSED, 0);
                return Outcome.pass("825 of a taken name → 1601 (0 bytes)");
            }
            throw new CheckFailure("825 of the name registered in check 01 → " + r.describe() + ", not 1601");
        }
    }

    Outcome shortestName() throws IOException, CheckFailure {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        int start = suite.crypto.random().nextInt(alphabet.length());
        for (int i = 0; i < 12; i++) {
            String name = String.valueOf(alphabet.charAt((start + i * 7) % alphabet.length()));
            try (Session s = Session.open(suite.target)) {
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

    Outcome longestName() throws IOException, CheckFailure {
        String base = suite.newName();
        String name = base + "x".repeat(NameField.MAX_LENGTH - base.length());
        try (Session s = Session.open(suite.target)) {
            Reply r = s.register(name);
            CheckFailure.expect(r, REGISTERED, 16);
            return Outcome.pass("825 of a 254-character name → 1600");
        }
    }

    Outcome publicKey() throws IOException, CheckFailure {
        if (suite.mainName == null) {
            return suite.skipped();
        }
        // a client of its own: the first one's registration connection is closed
        String name = suite.newName();
        try (Session s = Session.open(suite.target)) {
            CheckFailure.expect(s.register(name), REGISTERED, 16);
            s.sendKey(name, suite.keys);
            suite.mainName = name;
            suite.mainId = s.id;
            return Outcome.pass("826 → 1602 of 144 bytes; the key unwraps to 32 bytes");
        }
    }
}
