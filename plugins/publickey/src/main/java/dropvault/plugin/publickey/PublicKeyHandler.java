package dropvault.plugin.publickey;

import dropvault.protocol.ClientId;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.Request;
import dropvault.protocol.RequestCode;
import dropvault.server.spi.Misconduct;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.ServerLimitException;
import dropvault.server.spi.Session;
import dropvault.storage.ClientRecord;
import dropvault.storage.StoreException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * 826: stores the client's public key and answers 1602 with a fresh AES key wrapped with it. It is
 * the key exchange of a registration, never a way to change a key: the header's id and the name must
 * be those this connection registered (825 answered 1600 here) or those 1606 reserved on it, the
 * connection must not have exchanged a key already (1602 or 1605), and the client must hold no public
 * key yet. Anything else is refused as misconduct: with a client's name and id alone, no sequence of
 * requests replaces its key. A peer that proved over TLS that it holds the private key of the very key
 * it sends ({@link Session#provenKey}) makes the client key-bound: from then on it reconnects only
 * with that proof (docs/TLS.md).
 */
public final class PublicKeyHandler implements RequestHandler {

    @Override
    public Set<Integer> codes() {
        return Set.of(RequestCode.PUBLIC_KEY.code());
    }

    @Override
    public void handle(Request request, Session session) throws Exception {
        if (session.uploads().current().isPresent()) {
            throw new RequestRefusedException("826 during an upload");
        }
        PublicKeyRequest payload = (PublicKeyRequest) request.payload();
        ClientId id = request.clientId();
        if (!payload.name().isValidName()) {
            throw new RequestRefusedException("826 with an invalid name");
        }
        String name = payload.name().text();
        PublicKey key;
        try {
            key = session.crypto().decodePublicKey(payload.publicKey());
        } catch (InvalidKeyException e) {
            throw new RequestRefusedException("826 with a bad public key: " + e.getMessage(), e);
        }
        ensureRegistered(session, id, name);
        byte[] aesKey = session.crypto().newAesKey();
        byte[] wrapped = session.crypto().wrapKey(key, aesKey);
        if (!session.store().setPublicKey(id, payload.publicKey(), session.clock().instant())) {
            throw new RequestRefusedException("client " + id + " vanished from the store");
        }
        boolean proved = session.provenKey().filter(k -> Arrays.equals(k, payload.publicKey())).isPresent();
        if (proved && !session.store().bindKey(id)) {
            throw new RequestRefusedException("client " + id + " vanished from the store");
        }
        session.keyExchanged(id, aesKey);
        session.reply(new KeyIssued(id, wrapped));
    }

    /** Checks that the connection may key (id, name), registering a reserved id on the way. */
    private static void ensureRegistered(Session session, ClientId id, String name)
            throws StoreException, RequestRefusedException {
        if (session.aesKey().isPresent()) {
            throw refused(session, "826 on a connection that exchanged a key already (1602 or 1605)");
        }
        Optional<ClientRecord> existing = session.store().client(id);
        boolean registeredHere = session.clientId().filter(id::equals).isPresent();
        boolean reservedHere = session.reservation().filter(r -> r.matches(id, name)).isPresent();
        if (!registeredHere && !reservedHere) {
            throw refused(session, "826 for client " + id + " and name '" + name
                    + "', which this connection did not register or reserve");
        }
        if (existing.isPresent()) {
            if (!existing.get().name().equals(name)) {
                throw refused(session, "826 for client " + id + " with name '" + name
                        + "', but it is registered as '" + existing.get().name() + "'");
            }
            if (existing.get().publicKey().isPresent()) {
                throw refused(session, "826 for client " + id + ", which holds a public key already");
            }
            return;
        }
        if (reservedHere && !session.admitRegistration()) {
            throw new ServerLimitException("826 would register client " + id + " past a registration limit");
        }
        if (!reservedHere || !session.store().register(id, name, session.clock().instant())) {
            throw new RequestRefusedException("826 for client " + id + ", which is not registered, and name '"
                    + name + "' could not be registered");
        }
        session.identify(id);
    }

    private static RequestRefusedException refused(Session session, String why) {
        session.misconduct(Misconduct.KEY_EXCHANGE_REFUSED);
        return new RequestRefusedException(why);
    }
}
