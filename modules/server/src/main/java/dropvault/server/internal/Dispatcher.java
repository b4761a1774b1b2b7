package dropvault.server.internal;

import dropvault.protocol.GeneralError;
import dropvault.protocol.ProtocolException;
import dropvault.protocol.Request;
import dropvault.protocol.RequestDecoder;
import dropvault.protocol.TruncatedFrameException;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.RequestRefusedException;
import dropvault.storage.StoreException;
import dropvault.transport.ConnectionHandler;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * Serves one connection: reads a frame, hands it to the handler of its code, and repeats until the
 * peer closes. A frame the codec refuses, a request a handler refuses and an exception escaping a
 * handler are answered 1607, and the connection closes.
 */
public final class Dispatcher implements ConnectionHandler {
    private static final int BUFFER = 64 * 1024;
    private static final int LINGER_MILLIS = 2000;
    private static final long LINGER_BYTES = 1 << 20;

    private final HandlerRegistry registry;
    private final ServerContext context;

    public Dispatcher(HandlerRegistry registry, ServerContext context) {
        this.registry = registry;
        this.context = context;
    }

    @Override
    public void handle(Socket socket) throws IOException {
        SessionOutcome outcome = new SessionOutcome(socket.getRemoteSocketAddress());
        ConnectionSession session = new ConnectionSession(context, socket.getOutputStream(), outcome);
        RequestDecoder decoder = new RequestDecoder(new BufferedInputStream(socket.getInputStream(), BUFFER),
                registry.limits());
        try {
            if (!serve(decoder, session, outcome)) {
                lingeringClose(socket);
            }
        } finally {
            session.close();
            context.logger().log(Level.INFO, outcome.line());
        }
    }

    /** Serves requests until the peer closes (true) or a request was refused with 1607 (false). */
    private boolean serve(RequestDecoder decoder, ConnectionSession session, SessionOutcome outcome) {
        while (true) {
            Optional<Request> next;
            try {
                next = decoder.read();
            } catch (TruncatedFrameException e) {
                outcome.result("disconnected inside a frame");
                return true;
            } catch (ProtocolException e) {
                refuse(session, outcome, "bad frame: " + e.getMessage());
                return false;
            } catch (SocketTimeoutException e) {
                outcome.result("idle timeout");
                return true;
            } catch (IOException e) {
                outcome.result("read failed: " + e.getMessage());
                return true;
            }
            if (next.isEmpty()) {
                return true;
            }
            Request request = next.get();
            RequestHandler handler = registry.handler(request.code());
            try {
                handler.handle(request, session);
                touch(session);
            } catch (RequestRefusedException e) {
                refuse(session, outcome, "refused " + request.code() + ": " + e.getMessage());
                return false;
            } catch (IOException e) {
                // the peer went away, or a file could not be written: the reply may not reach it
                context.logger().log(Level.WARNING, "request " + request.code() + " failed: " + e);
                refuse(session, outcome, "failed " + request.code() + ": " + e);
                return false;
            } catch (Exception e) {
                context.logger().log(Level.ERROR, "handler of " + request.code() + " failed", e);
                refuse(session, outcome, "error in " + request.code() + ": " + e);
                return false;
            }
        }
    }

    private void touch(ConnectionSession session) throws StoreException {
        if (session.clientId().isPresent()) {
            context.store().touch(session.clientId().get(), context.clock().instant());
        }
    }

    /**
     * Ends a refused connection so that the 1607 reaches the peer: closing with its unread bytes
     * pending would send a reset, which may destroy the 1607 before the peer reads it. So: send
     * FIN, then read and drop what the peer still sends, for a bounded time and amount.
     */
    private static void lingeringClose(Socket socket) {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_MILLIS);
            var in = socket.getInputStream();
            byte[] sink = new byte[8192];
            long dropped = 0;
            int n;
            while (dropped < LINGER_BYTES && (n = in.read(sink)) >= 0) {
                dropped += n;
            }
        } catch (IOException e) {
            // the peer closed or went quiet: either way the connection is done
        }
    }

    private void refuse(ConnectionSession session, SessionOutcome outcome, String why) {
        outcome.result(why);
        try {
            session.close();
            session.reply(new GeneralError());
        } catch (IOException e) {
            context.logger().log(Level.DEBUG, () -> "cannot send 1607: " + e);
        }
    }
}
