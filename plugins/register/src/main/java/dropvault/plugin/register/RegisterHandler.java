package dropvault.plugin.register;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.protocol.Registered;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.RegistrationFailed;
import dropvault.protocol.Request;
import dropvault.protocol.RequestCode;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Reservation;
import dropvault.server.spi.Session;
import dropvault.storage.ClientRecord;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.util.Optional;
import java.util.Set;

/**
 * 825: registers a free, valid name under a fresh random id (1600), or the id that 1606 reserved
 * for it on this connection; a taken or invalid name gets 1601.
 */
public final class RegisterHandler implements RequestHandler {
    /** Fresh ids are 128 random bits: a clash is a broken random generator, not bad luck. */
    private static final int ID_ATTEMPTS = 3;

    @Override
    public Set<Integer> codes() {
        return Set.of(RequestCode.REGISTER.code());
    }

    @Override
    public void handle(Request request, Session session) throws Exception {
        if (session.clientId().isPresent()) {
            throw new RequestRefusedException("825 on a connection that speaks for client " + session.clientId().get()
                    + " already");
        }
        NameField field = ((RegisterRequest) request.payload()).name();
        if (!field.isValidName()) {
            session.reply(new RegistrationFailed());
            return;
        }
        String name = field.text();
        if (!session.admitRegistration()) {
            session.reply(new RegistrationFailed());
            return;
        }
        Optional<Reservation> reserved = session.reservation().filter(r -> r.name().equals(name));
        Optional<ClientId> id = reserved.isPresent() ? registerReserved(session, reserved.get())
                : registerFresh(session, name);
        if (id.isPresent()) {
            session.identify(id.get());
            session.reply(new Registered(id.get()));
        } else {
            session.reply(new RegistrationFailed());
        }
    }

    private static Optional<ClientId> registerReserved(Session session, Reservation r) throws StoreException {
        Store store = session.store();
        Optional<ClientRecord> existing = store.client(r.clientId());
        // 1606 reserved the id of a client that registered but never sent its key
        if (existing.isPresent()) {
            return existing.get().name().equals(r.name()) && existing.get().publicKey().isEmpty()
                    ? Optional.of(r.clientId()) : Optional.empty();
        }
        return store.register(r.clientId(), r.name(), session.clock().instant())
                ? Optional.of(r.clientId()) : Optional.empty();
    }

    private static Optional<ClientId> registerFresh(Session session, String name) throws StoreException {
        Store store = session.store();
        for (int i = 0; i < ID_ATTEMPTS; i++) {
            ClientId id = ClientId.random(session.crypto().random());
            if (store.register(id, name, session.clock().instant())) {
                return Optional.of(id);
            }
            if (store.clientByName(name).isPresent()) {
                return Optional.empty();
            }
        }
        throw new IllegalStateException(ID_ATTEMPTS + " fresh random client ids were all taken");
    }
}
