package dropvault.server.spi;

import dropvault.protocol.Request;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Serves one or more request codes. Provided by plugin modules, found with
 * {@link java.util.ServiceLoader}; one instance serves every connection, so it keeps no
 * per-connection state of its own (that lives in the {@link Session}).
 */
public interface RequestHandler {

    /** The request codes this handler serves. */
    Set<Integer> codes();

    /**
     * The largest payload a request of {@code code} may declare, for a code the protocol does not
     * define; the server reads no more than this for it. Ignored for the codes of PROTOCOL.md §2,
     * whose limits the server knows. Empty means the code is not served.
     */
    default OptionalLong maxPayloadSize(int code) {
        return OptionalLong.empty();
    }

    /**
     * Serves one request on the connection's session. {@link RequestRefusedException} (a request
     * out of its turn, or one that breaks the protocol) and any other exception that escapes
     * become 1607, and the connection closes.
     */
    void handle(Request request, Session session) throws Exception;
}
