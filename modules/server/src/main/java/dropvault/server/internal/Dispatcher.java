package dropvault.server.internal;

import dropvault.protocol.GeneralError;
import dropvault.protocol.ProtocolException;
import dropvault.protocol.Request;
import dropvault.protocol.RequestDecoder;
import dropvault.protocol.RequestHeader;
import dropvault.protocol.TruncatedFrameException;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.RequestRefusedException;
import dropvault.storage.StoreException;
import dropvault.transport.ConnectionHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Serves one connection: reads a frame, hands it to the handler of its code, and repeats until the
 * peer closes. A frame the codec refuses, a request a handler refuses and an exception escaping a
 * handler are answered 1607, and the connection closes.
 */
public final class Dispatcher implements ConnectionHandler {
    private static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(60);
    private static final int LINGER_MILLIS = 2000;
    private static final long LINGER_BYTES = 1 << 20;

    private final HandlerRegistry registry;
    private final ServerContext context;
    private final long frameTimeoutNanos;
    private final FrameBudget budget;
    private final UploadLanes lanes = UploadLanes.perCore();

    public Dispatcher(HandlerRegistry registry, ServerContext context) {
        this(registry, context, DEFAULT_FRAME_TIMEOUT);
    }

    /**
     * @param frameTimeout how long a connection may take to deliver a frame, counted from the moment
     *                     the server waits for it (the idle timeout)
     */
    public Dispatcher(HandlerRegistry registry, ServerContext context, Duration frameTimeout) {
        this.registry = registry;
        this.context = context;
        this.frameTimeoutNanos = frameTimeout.toNanos();
        this.budget = FrameBudget.quarterOfHeap();
        context.logger().log(Level.DEBUG, () -> "frames in flight may take " + (budget.bytes() >> 20) + " MiB");
    }

    @Override
    public void handle(Socket socket) throws IOException {
        handle(socket, (InetSocketAddress) socket.getRemoteSocketAddress());
    }

    /** {@code peer}: the client, as the socket or its PROXY protocol header names it. */
    @Override
    public void handle(Socket socket, InetSocketAddress peer) throws IOException {
        SessionOutcome outcome = new SessionOutcome(peer);
        ConnectionSession session = new ConnectionSession(context, socket.getOutputStream(), outcome);
        FrameDeadlineInputStream in = new FrameDeadlineInputStream(socket, frameTimeoutNanos);
        // unbuffered: the decoder reads the header into its own 23 bytes and each payload into its
        // exact array, so a connection waiting for a frame holds no buffer
        RequestDecoder decoder = new RequestDecoder(in, registry.limits());
        try {
            if (!serve(in, decoder, session, outcome)) {
                lingeringClose(socket);
            }
        } finally {
            session.close();
            context.logger().log(Level.INFO, outcome.line());
        }
    }

    /** Serves requests until the peer closes (true) or a request was refused with 1607 (false). */
    private boolean serve(FrameDeadlineInputStream in, RequestDecoder decoder, ConnectionSession session,
                          SessionOutcome outcome) {
        while (true) {
            RequestHeader header;
            in.startFrame();
            try {
                Optional<RequestHeader> next = decoder.readHeader();
                if (next.isEmpty()) {
                    return true;
                }
                header = next.get();
            } catch (IOException e) {
                return readFailed(e, session, outcome);
            } finally {
                in.endFrame();
            }
            int units = budget.tryTake(header.payloadSize());
            if (units < 0) {
                context.logger().log(Level.WARNING, "frames in flight take the " + (budget.bytes() >> 20)
                        + " MiB they may: refusing a frame of " + header.payloadSize() + " bytes");
                refuse(session, outcome, "refused " + header.code() + ": no memory for its payload now");
                return false;
            }
            boolean toLane;
            try {
                Request request;
                in.startFrame();
                try {
                    request = new Request(header, decoder.readPayloadReusing(header));
                } catch (IOException e) {
                    return readFailed(e, session, outcome);
                } finally {
                    in.endFrame();
                }
                if (!handle(request, session, outcome)) {
                    return false;
                }
                toLane = UploadLanes.wants(request, session);
            } finally {
                budget.give(units);
            }
            if (toLane) {
                Optional<Boolean> served = lanes.serve(() -> serve(in, decoder, session, outcome));
                if (served.isPresent()) {
                    return served.get();
                }
            }
        }
    }

    /** Ends the connection after a failed read: 1607 for a bad frame (false), else quietly (true). */
    private boolean readFailed(IOException e, ConnectionSession session, SessionOutcome outcome) {
        switch (e) {
            case TruncatedFrameException t -> outcome.result("disconnected inside a frame");
            case ProtocolException p -> {
                refuse(session, outcome, "bad frame: " + p.getMessage());
                return false;
            }
            case SocketTimeoutException t -> outcome.result("idle timeout");
            default -> outcome.result("read failed: " + e.getMessage());
        }
        return true;
    }

    /** Hands one request to its handler; false when it was refused with 1607. */
    private boolean handle(Request request, ConnectionSession session, SessionOutcome outcome) {
        RequestHandler handler = registry.handler(request.code());
        try {
            handler.handle(request, session);
            touch(session);
            return true;
        } catch (RequestRefusedException e) {
            refuse(session, outcome, "refused " + request.code() + ": " + e.getMessage());
        } catch (IOException e) {
            // the peer went away, or a file could not be written: the reply may not reach it
            context.logger().log(Level.WARNING, "request " + request.code() + " failed: " + e);
            refuse(session, outcome, "failed " + request.code() + ": " + e);
        } catch (Exception e) {
            context.logger().log(Level.ERROR, "handler of " + request.code() + " failed", e);
            refuse(session, outcome, "error in " + request.code() + ": " + e);
        }
        return false;
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
