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
