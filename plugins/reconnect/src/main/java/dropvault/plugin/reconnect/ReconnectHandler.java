package dropvault.plugin.reconnect;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.protocol.ReconnectRefused;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.Request;
import dropvault.protocol.RequestCode;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Reservation;
import dropvault.server.spi.Session;
import dropvault.storage.ClientRecord;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * 827: a registered (id, name) with a public key gets 1605 and a fresh AES key wrapped with that
 * key. Anything else gets 1606 (PROTOCOL.md §5): with a fresh id reserved for the name when the name
 * is free, with the client's own id when it registered but never sent its key, else with the id
 * it came with. A key-bound client gets 1605 only when the peer proved over TLS that it holds the
 * private key of the stored public key ({@link Session#provenKey}), on either port 1606 otherwise; a
 * client not yet bound that brings that proof becomes key-bound (docs/TLS.md).
 */
public final class ReconnectHandler implements RequestHandler {

    @Override
    public Set<Integer> codes() {
        return Set.of(RequestCode.RECONNECT.code());
    }

    @Override
    public void handle(Request request, Session session) throws Exception {
        if (session.clientId().isPresent() || session.uploads().current().isPresent()) {
            throw new RequestRefusedException("827 on a connection that speaks for a client already");
        }
        ClientId id = request.clientId();
        NameField field = ((ReconnectRequest) request.payload()).name();
        Optional<ClientRecord> known = field.isValidName() ? session.store().client(id) : Optional.empty();
        String name = field.text();
        if (known.isPresent() && known.get().name().equals(name) && known.get().publicKey().isPresent()) {
            ClientRecord client = known.get();
            boolean proved = session.provenKey().filter(k -> Arrays.equals(k, client.publicKey().get())).isPresent();
            if (client.keyBound() && !proved) {
                // a name and an id are not enough for a key-bound client: nothing is reserved, 826 stays refused
                session.reply(new ReconnectRefused(id));
                return;
            }
            reconnect(session, client, proved && !client.keyBound());
            return;
        }
        if (!field.isValidName()) {
            session.reply(new ReconnectRefused(id));
        } else if (known.isPresent() && known.get().name().equals(name)) {
            session.reserve(new Reservation(id, name));
            session.reply(new ReconnectRefused(id));
        } else if (session.store().clientByName(name).isEmpty()) {
            ClientId fresh = ClientId.random(session.crypto().random());
            session.reserve(new Reservation(fresh, name));
            session.reply(new ReconnectRefused(fresh));
        } else {
            session.reply(new ReconnectRefused(id));
        }
    }

    private static void reconnect(Session session, ClientRecord client, boolean bind) throws Exception {
        byte[] publicKey = client.publicKey().orElseThrow();
        PublicKey key = session.crypto().decodePublicKey(publicKey);
        byte[] aesKey = session.crypto().newAesKey();
        byte[] wrapped = session.crypto().wrapKey(key, aesKey);
        if (!session.store().setPublicKey(client.id(), publicKey, session.clock().instant())) {
            throw new RequestRefusedException("client " + client.id() + " vanished from the store");
        }
        if (bind && !session.store().bindKey(client.id())) {
            throw new RequestRefusedException("client " + client.id() + " vanished from the store");
        }
        session.keyExchanged(client.id(), aesKey);
        session.reply(new Reconnected(client.id(), wrapped));
    }
}
