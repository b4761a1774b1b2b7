package dropvault.server.spi;

import dropvault.protocol.ClientId;
import java.util.Objects;

/**
 * A client id held for a name on one connection after 1606 (PROTOCOL.md §5): the next 825 for
 * this name is answered with this id, and 826 with this id and name is accepted.
 */
public record Reservation(ClientId clientId, String name) {
    public Reservation {
        Objects.requireNonNull(clientId);
        Objects.requireNonNull(name);
    }

    public boolean matches(ClientId id, String otherName) {
        return clientId.equals(id) && name.equals(otherName);
    }
}
