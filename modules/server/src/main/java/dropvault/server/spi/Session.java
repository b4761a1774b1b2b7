package dropvault.server.spi;

import dropvault.protocol.ResponsePayload;
import java.io.IOException;

/** What a handler may use of the connection it serves. */
public interface Session {

    /** Encodes and sends one response in one write. */
    void reply(ResponsePayload response) throws IOException;
}
