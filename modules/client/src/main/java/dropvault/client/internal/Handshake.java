package dropvault.client.internal;

import dropvault.client.UploadException;
import dropvault.client.UploadException.Failure;
import dropvault.client.UploadListener;
import dropvault.client.UploadResult.SessionStart;
import dropvault.client.internal.ServerExchange.Sender;
import dropvault.client.internal.ServerExchange.Step;
import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRefused;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.RegistrationFailed;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.RequestPayload;
import dropvault.protocol.Response;
import dropvault.protocol.ResponseCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Registration (825, then the public key, 826) or reconnection (827), as PROTOCOL.md §5 tells it:
 * the client's identity, kept in me.info and priv.key, and the session's AES key. A refused
 * reconnection registers anew, with the id 1606 offered where the dialect takes one.
 */
final class Handshake {
    private static final int REGISTERED = ResponseCode.REGISTERED.code();
    private static final int REGISTRATION_FAILED = ResponseCode.REGISTRATION_FAILED.code();
    private static final int KEY_ISSUED = ResponseCode.KEY_ISSUED.code();
    private static final int RECONNECTED = ResponseCode.RECONNECTED.code();
    private static final int RECONNECT_REFUSED = ResponseCode.RECONNECT_REFUSED.code();

    private final ServerExchange exchange;
    private final CryptoSuite crypto;
    private final UploadListener listener;
    private final IdentityFiles files;
    private final Supplier<KeyPair> keyPairs;
    private final DialectChoice dialects;
    private final boolean tls;

    private Identity identity;
    /** The key pair of a registration under way, made before its first request (825) goes out. */
    private KeyPair registering;
    /** The private key of the identity this client speaks as, or reconnects as. */
    private PrivateKey own;
    private byte[] aesKey;
    private SessionStart start;

    Handshake(ServerExchange exchange, CryptoSuite crypto, UploadListener listener, IdentityFiles files,
              Supplier<KeyPair> keyPairs, DialectChoice dialects, boolean tls) {
        this.exchange = exchange;
        this.crypto = crypto;
        this.listener = listener;
        this.files = files;
        this.keyPairs = keyPairs;
        this.dialects = dialects;
        this.tls = tls;
    }

    /** The identity of this session; null before the handshake. */
    Identity identity() {
        return identity;
    }

    /**
     * The private key a new connection proves over TLS: that of the registration under way, else the
     * client's own. On the connection that sends 826 too, so the server binds the client at once.
     */
    Optional<PrivateKey> clientKey() {
        return Optional.ofNullable(registering != null ? registering.getPrivate() : own);
    }

    /** The AES key of the session now (a reconnection on a new connection brings another). */
    byte[] aesKey() {
        return aesKey;
    }

    /** How the first handshake went: registered, reconnected or registered anew. */
    SessionStart start() {
        return start;
    }

    /** A new connection's session: a reconnection, once there is an identity to reconnect as. */
    void restoreSession() throws UploadException, LocalFileException {
        if (identity != null) {
            reconnect(identity);
        }
    }

    void register(String name) throws UploadException, LocalFileException {
        NameField field = wireName(name);
        if (registering == null) {
            registering = keyPairs.get();
        }
        Response r = exchange.exchange(new Step("register (825)",
                nameFrame(() -> ClientId.ZERO, new RegisterRequest(field)),
                Set.of(REGISTERED, REGISTRATION_FAILED), false));
        if (r.payload() instanceof RegistrationFailed) {
            throw new UploadException(Failure.SERVER, "registration refused (1601): the server says the name '"
                    + name + "' is taken or invalid" + (start == SessionStart.REREGISTERED && !tls
                    ? "; a key-bound client (one that connected over TLS before) reconnects only over TLS: try --tls"
                    : ""));
        }
        ClientId id = ((Registered) r.payload()).clientId();
        listener.info("registered as " + id.hex());
        sendPublicKey(name, id);
        if (start == null) {
            start = SessionStart.REGISTERED;
        }
    }

    private void sendPublicKey(String name, ClientId id) throws UploadException, LocalFileException {
        KeyPair keys = registering != null ? registering : keyPairs.get();
        registering = null;
        identity = new Identity(name, id, keys.getPrivate());
        own = keys.getPrivate();
        try {
            files.save(identity);
        } catch (IOException e) {
            throw new UploadException(Failure.LOCAL_FILE, "cannot write " + files.meInfo() + " and " + files.privKey()
                    + ": " + e.getMessage(), e);
        }
        byte[] publicKey = crypto.encodePublicKey(keys.getPublic());
        Response r = exchange.exchange(new Step("public key (826)",
                Sender.of(() -> id, new PublicKeyRequest(wireName(name), publicKey)), Set.of(KEY_ISSUED), false));
        aesKey = unwrap(keys.getPrivate(), ((KeyIssued) r.payload()).wrappedKey());
    }

    void reconnect(Identity stored) throws UploadException, LocalFileException {
        reconnect(stored, true);
    }

    /**
     * 827 as {@code stored}; on 1606, registers anew when {@code mayRegister} (an upload), else fails: a
     * client that only asks for its files has none on a server that does not know it.
     */
    void reconnect(Identity stored, boolean mayRegister) throws UploadException, LocalFileException {
        own = stored.privateKey();
        Response r = exchange.exchange(new Step("reconnect (827)",
                nameFrame(stored::clientId, new ReconnectRequest(wireName(stored.name()))),
                Set.of(RECONNECTED, RECONNECT_REFUSED), false));
        if (r.payload() instanceof Reconnected k) {
            aesKey = unwrap(stored.privateKey(), k.wrappedKey());
            identity = stored;
            if (start == null) {
                start = SessionStart.RECONNECTED;
            }
            listener.info("reconnected as " + stored.clientId().hex());
            return;
        }
        ClientId offered = ((ReconnectRefused) r.payload()).clientId();
        if (offered.equals(stored.clientId())) {
            // docs/PROTOCOL.md §9: a key-bound client's own id in 1606; a new key would be refused, me.info kept
            throw new UploadException(Failure.SERVER, "the server refused the reconnection of " + stored.clientId().hex()
                    + " (1606 with its own id): the client is key-bound and reconnects only over TLS with its key"
                    + (tls ? "" : "; try --tls") + "; " + files.meInfo() + " is left as it was");
        }
        if (!mayRegister) {
            throw new UploadException(Failure.SERVER, "the server refused the reconnection of "
                    + stored.clientId().hex() + " (1606): it does not know this client, so it holds none of its files");
        }
        listener.info("the server refused the reconnection (1606); registering anew");
        if (start == null) {
            start = SessionStart.REREGISTERED;
        }
        if (dialects.current().features().containsAll(Dialect.SEED.features()) && !offered.equals(ClientId.ZERO)) {
            sendPublicKey(stored.name(), offered);
        } else {
            register(stored.name());
        }
    }

    private byte[] unwrap(PrivateKey key, byte[] wrapped) throws UploadException {
        try {
            byte[] k = crypto.unwrapKey(key, wrapped);
            if (k.length != 32) {
                throw new UploadException(Failure.SERVER, "the server's AES key is " + k.length + " bytes, not 32");
            }
            return k;
        } catch (GeneralSecurityException e) {
            throw new UploadException(Failure.SERVER, "cannot unwrap the server's AES key with this client's private key"
                    + " (does the server hold another public key for it?): " + e.getMessage(), e);
        }
    }

    private static NameField wireName(String name) throws UploadException {
        try {
            return NameField.of(name);
        } catch (IllegalArgumentException e) {
            throw new UploadException(Failure.LOCAL_FILE, "the name '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * 825 or 827: its name field padded to 255 bytes, or (unpadded names, PROTOCOL.md §8) the name
     * and one NUL.
     */
    private Sender nameFrame(Supplier<ClientId> id, RequestPayload payload) {
        if (!dialects.current().has(DialectFeature.UNPADDED_NAMES)) {
            return Sender.of(id, payload);
        }
        return c -> {
            byte[] padded = RequestEncoder.encode(id.get(), payload);
            NameField name = payload instanceof RegisterRequest reg ? reg.name() : ((ReconnectRequest) payload).name();
            int size = name.textLength() + 1;
            byte[] frame = Arrays.copyOf(padded, 23 + size);
            ByteBuffer.wrap(frame, 19, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(size);
            c.send(frame);
        };
    }
}
