package dropvault.check.internal;

import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.Dialect;
import dropvault.protocol.Protocol;
import dropvault.protocol.ResponseCode;
import java.io.EOFException;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HexFormat;

/**
 * What the groups of the server suite share: the settings, the keys, the server and the dialect it
 * needs (found by the first checks), the client they registered, fresh names and file contents.
 */
final class SuiteContext {
    static final int REGISTERED = ResponseCode.REGISTERED.code();
    static final int REFUSED = ResponseCode.REGISTRATION_FAILED.code();
    static final int KEY_ISSUED = ResponseCode.KEY_ISSUED.code();
    static final int THANKS = ResponseCode.THANKS.code();
    static final int RECONNECTED = ResponseCode.RECONNECTED.code();
    static final int RECONNECT_REFUSED = ResponseCode.RECONNECT_REFUSED.code();
    static final int ERROR = ResponseCode.GENERAL_ERROR.code();

    final ServerSettings settings;
    final CryptoSuite crypto;
    final KeyPair keys;
    private final String prefix;
    private int names;
    private int seeds;
    /** The server and the dialect it needs, as far as the checks so far have found. */
    Target target;
    /** The client the registration checks left for the others, with its public key sent; null until then. */
    String mainName;
    ClientId mainId;
    /** Whether some dialect of §8 completed a session (the dialect check). */
    boolean dialectFound;
    /** The server sends zlib's CRC-32 of the file in 1603, not its cksum (found by the dialect check). */
    boolean crc32;
    /** 902 went unanswered or broke the connection in the dialect search: the checks tidy up without it. */
    boolean abandonFails;
    /** The check after which the server stopped answering; null while it answers. */
    String stoppedAfter;

    SuiteContext(ServerSettings settings) {
        this.settings = settings;
        this.crypto = CryptoSuites.forName(settings.provider());
        this.keys = crypto.generateKeyPair();
        byte[] tag = new byte[4];
        crypto.random().nextBytes(tag);
        this.prefix = "dvcheck-" + HexFormat.of().formatHex(tag);
        this.target = new Target(settings.host(), settings.port(), settings.timeout(), crypto, Dialect.SPEC,
                Protocol.DEFAULT_PACKET_DATA, settings.tlsContext());
    }

    static String describe(IOException e) {
        if (e instanceof StepTimeoutException || e instanceof DepartureException || e instanceof EOFException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** How long a probe waits for a server that may have crashed: seconds, not the whole timeout. */
    Duration probeTimeout() {
        Duration cap = Duration.ofSeconds(3);
        return settings.timeout().compareTo(cap) < 0 ? settings.timeout() : cap;
    }

    /**
     * Whether the server still answers: a fresh connection and an 825 of a fresh name, answered
     * (with anything) within {@link #probeTimeout()}. A refused or reset connection, a close or silence: no.
     */
    boolean answers() {
        try (Session s = Session.open(target.withTimeout(probeTimeout()))) {
            s.register(newName());
            return true;
        } catch (java.net.SocketException | StepTimeoutException | EOFException | java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            // it answered, in a way of its own: a TLS identity not the one expected, a malformed frame
            return true;
        }
    }

    /** Whether the 1603 of {@code p} carries its sum, as the text says or as zlib's CRC-32 (which is noted). */
    boolean sumMatches(long sum, Plaintext p) {
        if (sum == p.cksum()) {
            return true;
        }
        if (sum == p.crc32()) {
            crc32 = true;
            return true;
        }
        return false;
    }

    /**
     * Ends an upload that is not what a check looks at with 902, unless 902 broke the server's
     * answers before (that is the 902 check's finding, not this check's).
     */
    void tidy(Session s, dropvault.protocol.NameField file) {
        if (abandonFails) {
            return;
        }
        try {
            s.verdict(dropvault.protocol.CrcReport.Verdict.ABORT, file);
        } catch (IOException e) {
            abandonFails = true;
        }
    }

    Outcome skipped() throws CheckFailure {
        throw new CheckFailure("not run: no client could be registered (see the checks above)");
    }

    String newName() {
        return prefix + "-" + (++names);
    }

    Plaintext plaintext(long size) {
        return new Plaintext(size, ((long) prefix.hashCode() << 20) + (++seeds));
    }

    /** A connection on which the main client has reconnected. */
    Session reconnected() throws IOException, CheckFailure {
        Session s = Session.open(target);
        try {
            s.reconnect(mainName, mainId, keys);
            return s;
        } catch (IOException | CheckFailure | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The main client reconnected, or a new one when none could be registered. */
    Session reconnectedOrRegistered() throws IOException, CheckFailure {
        if (mainId != null) {
            return reconnected();
        }
        String name = newName();
        return Session.registered(target, name, keys);
    }
}
