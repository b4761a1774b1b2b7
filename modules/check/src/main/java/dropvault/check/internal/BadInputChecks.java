package dropvault.check.internal;

import static dropvault.check.internal.SuiteContext.ERROR;
import static dropvault.check.internal.SuiteContext.REGISTERED;

import dropvault.crypto.AesCbcStream;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.Protocol;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.RequestEncoder;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import javax.crypto.BadPaddingException;

/** Bad input (§1, §4, §5): each answered with 1607 or a close, and followed by a clean session that must still work. */
final class BadInputChecks {
    private final SuiteContext suite;

    BadInputChecks(SuiteContext suite) {
        this.suite = suite;
    }

    /** Sends one kind of bad input on its connection; returns what the server did with it. */
    @FunctionalInterface
    interface Hostile {
        String run(Session s) throws Exception;
    }

    /** {@code h} on a connection of its own, then a clean session that must still upload. */
    Outcome badInput(Hostile h) throws Exception {
        String seen;
        try (Session s = Session.open(suite.target)) {
            seen = h.run(s);
        }
        try (Session s = suite.reconnectedOrRegistered()) {
            Plaintext p = suite.plaintext(300);
            NameField file = NameField.of("after-bad-input.bin");
            FileReply f = FileReply.of(s.upload(p, file));
            if (!suite.sumMatches(f.cksum(), p)) {
                if (!suite.dialectFound) {
                    // every upload before the bad input had a wrong sum too: not damage it did
                    return Outcome.warn(seen + "; then a clean session reached 1603, its cksum " + f.cksum() + " not "
                            + p.cksum() + " as in every upload before (no dialect of §8 completed a session)");
                }
                throw new CheckFailure(seen + "; then a clean session's 1603 has cksum " + f.cksum() + ", not "
                        + p.cksum() + ", where uploads before the bad input matched: damage done by the bad input");
            }
            suite.tidy(s, file);
        } catch (IOException | CheckFailure e) {
            if (e instanceof CheckFailure cf && cf.getMessage().startsWith(seen)) {
                throw cf;
            }
            String why = e instanceof IOException io ? SuiteContext.describe(io) : e.getMessage();
            if (!suite.dialectFound) {
                return Outcome.warn(seen + "; then a clean session failed as every upload before the bad input did"
                        + " (no dialect of §8 completed a session): " + why);
            }
            throw new CheckFailure(seen + "; then a clean session failed where uploads before the bad input"
                    + " worked (damage done by the bad input): " + why);
        }
        return Outcome.pass(seen + "; then a clean session: ok");
    }

    /** 1607 or a closed connection; anything else fails. */
    private String refusal(Session s, String what) throws IOException, CheckFailure {
        Reply r;
        try {
            r = s.peer.read();
        } catch (EOFException | SocketException e) {
            return what + " → connection closed";
        } catch (StepTimeoutException e) {
            throw new CheckFailure(what + " → neither 1607 nor a close: " + e.getMessage());
        }
        if (r.code() == ERROR) {
            return what + " → 1607";
        }
        throw new CheckFailure(what + " → " + r.describe() + ", not 1607");
    }

    String unknownCode(Session s) throws IOException, CheckFailure {
        s.peer.send(RequestEncoder.encode(ClientId.ZERO, new OpaquePayload(999, new byte[0])));
        return refusal(s, "code 999");
    }

    String oversized(Session s) throws IOException, CheckFailure {
        byte[] header = RequestEncoder.encode(ClientId.ZERO, new RegisterRequest(NameField.of(suite.newName())));
        Le.putU32(header, 19, 0x4000_0000L);
        s.peer.send(header);
        return refusal(s, "825 declaring 1 GiB of payload");
    }

    String truncated(Session s) throws IOException {
        byte[] frame = RequestEncoder.encode(ClientId.ZERO, new RegisterRequest(NameField.of(suite.newName())));
        s.peer.send(frame, 0, 40);
        return "825 cut after 40 of 278 bytes, connection closed";
    }

    String badPublicKey(Session s) throws IOException, CheckFailure {
        String name = suite.newName();
        CheckFailure.expect(s.register(name), REGISTERED, 16);
        byte[] junk = new byte[Protocol.PUBLIC_KEY_SIZE];
        suite.crypto.random().nextBytes(junk);
        s.send(new PublicKeyRequest(NameField.of(name), junk));
        return refusal(s, "826 with 160 random bytes as key");
    }

    String packetWithoutKey(Session s) throws IOException, CheckFailure {
        byte[] data = new byte[32];
        s.id = ClientId.random(suite.crypto.random());
        s.peer.send(RequestEncoder.encode(s.id, new FilePacket(32, 20, 1, 1, NameField.of("x.bin"), data)));
        return refusal(s, "828 on a connection with no key");
    }

    String badPadding(Session s) throws IOException, CheckFailure, GeneralSecurityException {
        s.reconnect(suite.mainName, suite.mainId, suite.keys);
        // a ciphertext whose last block decrypts to invalid PKCS#7 padding, chosen with the key
        byte[] data = new byte[64];
        do {
            suite.crypto.random().nextBytes(data);
        } while (paddingValid(s.aesKey, data));
        s.peer.send(RequestEncoder.encode(s.id, new FilePacket(64, 50, 1, 1, NameField.of("bad-padding.bin"), data)));
        return refusal(s, "828 whose ciphertext has bad padding");
    }

    private boolean paddingValid(byte[] key, byte[] data) throws GeneralSecurityException {
        AesCbcStream d = suite.crypto.decryptor(key);
        d.update(data, 0, data.length);
        try {
            d.finish();
            return true;
        } catch (BadPaddingException e) {
            return false;
        }
    }
}
