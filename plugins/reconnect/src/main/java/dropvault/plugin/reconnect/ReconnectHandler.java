package dropvault.plugin.reconnect;

import dropvault.protocol.GeneralError;
import dropvault.protocol.Request;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.Session;
import java.util.Set;

/** Serves 827 (issue 4). */
public final class ReconnectHandler implements RequestHandler {
    @Override
    public Set<Integer> codes() {
        return Set.of(827);
    }

    @Override
    public void handle(Request request, Session session) throws Exception {
        session.reply(new GeneralError());
    }
}
