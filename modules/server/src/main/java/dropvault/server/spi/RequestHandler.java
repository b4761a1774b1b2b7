package dropvault.server.spi;

import dropvault.protocol.Request;
import java.util.Set;

/** Serves one or more request codes. Provided by plugin modules, found with ServiceLoader. */
public interface RequestHandler {

    /** The request codes this handler serves. */
    Set<Integer> codes();

    /** Serves one request on the connection's session; an exception becomes 1607 and closes it. */
    void handle(Request request, Session session) throws Exception;
}
