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
import java.util.Optional;
import java.util.Set;

/**
 * 827: a registered (id, name) with a public key gets 1605 and a fresh AES key wrapped with that
 * key. Anything else gets 1606 (PROTOCOL.md §5): with a fresh id reserved for the name when the name
 * is free, with the client's own id when it registered but never sent its key, else with the id
 * it came with.
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
            reconnect(session, known.get());
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

    private static void reconnect(Session session, ClientRecord client) throws Exception {
        byte[] publicKey = client.publicKey().orElseThrow();
        PublicKey key = session.crypto().decodePublicKey(publicKey);
        byte[] aesKey = session.crypto().newAesKey();
        byte[] wrapped = session.crypto().wrapKey(key, aesKey);
        if (!session.store().setPublicKey(client.id(), publicKey, session.clock().instant())) {
            throw new RequestRefusedException("client " + client.id() + " vanished from the store");
        }
        session.keyExchanged(client.id(), aesKey);
        session.reply(new Reconnected(client.id(), wrapped));
    }
}
