package dropvault.plugin.register;

import dropvault.protocol.GeneralError;
import dropvault.protocol.Request;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.Session;
import java.util.Set;

/** Serves 825 (issue 4). */
public final class RegisterHandler implements RequestHandler {
    @Override
    public Set<Integer> codes() {
        return Set.of(825);
    }

    @Override
    public void handle(Request request, Session session) throws Exception {
        session.reply(new GeneralError());
    }
}
