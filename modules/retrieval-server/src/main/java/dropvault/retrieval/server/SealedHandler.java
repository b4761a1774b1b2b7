package dropvault.retrieval.server;

import dropvault.protocol.Request;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.Session;
import java.util.OptionalLong;
import java.util.Set;

/** A handler of one request code of the retrieval extension: its request is opened before {@link #serve} sees it. */
public abstract class SealedHandler implements RequestHandler {
    private final int code;

    protected SealedHandler(int code) {
        this.code = code;
    }

    @Override
    public final Set<Integer> codes() {
        return Set.of(code);
    }

    @Override
    public final OptionalLong maxPayloadSize(int requestCode) {
        return SealedRequest.maxPayloadSize(requestCode);
    }

    @Override
    public final void handle(Request request, Session session) throws Exception {
        serve(SealedRequest.open(request, session), session);
    }

    /** Serves the opened request; a {@link dropvault.server.spi.RequestRefusedException} ends the connection with 1607. */
    protected abstract void serve(SealedRequest request, Session session) throws Exception;
}
