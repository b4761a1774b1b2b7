package dropvault.server.internal;

import dropvault.protocol.FilePacket;
import dropvault.protocol.GeneralError;
import dropvault.protocol.Protocol;
import dropvault.protocol.ProtocolException;
import dropvault.protocol.Request;
import dropvault.protocol.RequestDecoder;
import dropvault.protocol.RequestCode;
import dropvault.protocol.RequestHeader;
import dropvault.protocol.TruncatedFrameException;
import dropvault.server.events.ServerEvents;
import dropvault.server.events.SessionResult;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.Misconduct;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.SourcePenalizedException;
import dropvault.server.spi.ServerLimitException;
import dropvault.storage.StoreException;
import dropvault.transport.Connection;
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
        handle(Connection.of(socket, peer));
    }

    /** Marks the connection keyed at its key exchange (1602 or 1605), and active at each frame. */
    @Override
    public void handle(Connection connection) throws IOException {
        Socket socket = connection.socket();
        InetSocketAddress peer = connection.peer();
        ServerEvents events = context.events();
        events.connectionOpened();
        SessionOutcome outcome = new SessionOutcome(peer);
        FrameDeadlineInputStream in = new FrameDeadlineInputStream(socket, frameTimeoutNanos);
        ConnectionSession session = new ConnectionSession(context, in,
                new WriteDeadlineOutputStream(socket, frameTimeoutNanos), outcome,
                peer.getAddress());
        connection.provenKey().ifPresent(session::peerProved);
        // marked before the 1602 or 1605 goes out: a client that has it is never closed for room
        session.onKeyExchange(connection::markKeyed);
        if (context.guards().shares().uploadsHaveAMinimumRate()) {
            in.pace(new UploadPace(session::current, context.guards().shares()));
        }
        // unbuffered: the decoder reads the header into its own 23 bytes and each payload into its
        // exact array, so a connection waiting for a frame holds no buffer
        RequestDecoder decoder = new RequestDecoder(in, registry.limits());
        try {
            if (!serve(in, decoder, session, outcome, connection)) {
                lingeringClose(socket);
            }
        } finally {
            session.close();
            context.logger().log(Level.INFO, dropvault.server.logging.SessionLine.FORMAT, outcome.parameters());
            events.connectionClosed();
            events.sessionFinished(outcome.kind());
        }
    }

    /** Serves requests until the peer closes (true) or a request was refused with 1607 (false). */
    private boolean serve(FrameDeadlineInputStream in, RequestDecoder decoder, ConnectionSession session,
                          SessionOutcome outcome, Connection connection) {
        while (true) {
            RequestHeader header;
            in.startFrame();
            try {
                Optional<RequestHeader> next = decoder.readHeader();
                if (next.isEmpty()) {
                    return true;
                }
                header = next.get();
                connection.active();
            } catch (IOException e) {
                return readFailed(e, session, outcome);
            } finally {
                in.endFrame();
            }
            if (unpaddedName(header)) {
                outcome.dialect(java.util.Set.of(dropvault.protocol.DialectFeature.UNPADDED_NAMES));
            }
            int units = budget.tryTake(decoder.bytesHeld(header));
            if (units < 0) {
                context.logger().log(Level.WARNING, "frames in flight take the " + (budget.bytes() >> 20)
                        + " MiB they may: refusing a frame of " + header.payloadSize() + " bytes");
                refuse(session, outcome, SessionResult.REFUSED, "refused " + header.code()
                        + ": no memory for its payload now");
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
                context.events().bytesReceived(dropvault.protocol.Protocol.REQUEST_HEADER_SIZE + header.payloadSize());
                if (startsSomething(request, session) && !context.guards().admit(session.source())) {
                    outcome.result(SessionResult.REFUSED, "closed: the source is penalized");
                    return true;
                }
                boolean streamed = request.payload() instanceof FilePacket fp && fp.streamed();
                if (streamed) {
                    // its data arrive while the handler reads them: each read within the idle timeout, at the pace
                    in.startStream();
                }
                try {
                    if (!handle(request, session, outcome)) {
                        return false;
                    }
                } finally {
                    in.endFrame();
                }
                if (streamed && ((FilePacket) request.payload()).unreadData() > 0) {
                    refuse(session, outcome, SessionResult.ERROR, "the handler of " + header.code()
                            + " left data of a streamed packet unread");
                    return false;
                }
                toLane = UploadLanes.wants(request, session);
            } finally {
                budget.give(units);
            }
            if (toLane) {
                Optional<Boolean> served = lanes.serve(() -> {
                    in.readAhead(UploadLanes.READ_AHEAD);
                    return serve(in, decoder, session, outcome, connection);
                });
                if (served.isPresent()) {
                    return served.get();
                }
            }
        }
    }

    private static boolean unpaddedName(RequestHeader h) {
        return (h.code() == RequestCode.REGISTER.code() || h.code() == RequestCode.RECONNECT.code())
                && h.payloadSize() < Protocol.NAME_SIZE;
    }

    /**
     * A registration, reconnection, key exchange or the first packet of an upload: what a penalized
     * source may not begin on a connection it opened before the penalty.
     */
    private static boolean startsSomething(Request request, ConnectionSession session) {
        int code = request.code();
        return code == RequestCode.REGISTER.code() || code == RequestCode.RECONNECT.code()
                || code == RequestCode.PUBLIC_KEY.code()
                || (code == RequestCode.FILE_PACKET.code() && session.current().isEmpty());
    }

    /** Ends the connection after a failed read: 1607 for a bad frame (false), else quietly (true). */
    private boolean readFailed(IOException e, ConnectionSession session, SessionOutcome outcome) {
        switch (e) {
            case TruncatedFrameException t -> outcome.result(SessionResult.DISCONNECTED, "disconnected inside a frame");
            case ProtocolException p -> {
                session.misconduct(Misconduct.MALFORMED_FRAME);
                refuse(session, outcome, SessionResult.BAD_FRAME, "bad frame: " + p.getMessage());
                return false;
            }
            case UploadTooSlowException t -> {
                session.misconduct(Misconduct.STALLED);
                context.guards().shares().tooSlow(session.source());
                refuse(session, outcome, SessionResult.REFUSED, t.getMessage());
                return false;
            }
            case SocketTimeoutException t -> {
                session.misconduct(Misconduct.STALLED);
                outcome.result(SessionResult.IDLE_TIMEOUT, "idle timeout");
            }
            default -> outcome.result(SessionResult.DISCONNECTED, "read failed: " + e.getMessage());
        }
        return true;
    }

    /** Hands one request to its handler; false when it was refused with 1607. */
    private boolean handle(Request request, ConnectionSession session, SessionOutcome outcome) {
        RequestHandler handler = registry.handler(request.code());
        context.events().request(request.code());
        try {
            session.takeMisconductReported();
            handler.handle(request, session);
            touch(session);
            return true;
        } catch (SourcePenalizedException e) {
            outcome.result(SessionResult.REFUSED, e.getMessage());
            session.close();
        } catch (RequestRefusedException e) {
            if (!session.takeMisconductReported() && !(e instanceof ServerLimitException)) {
                session.misconduct(Misconduct.REQUEST_REFUSED);
            }
            refuse(session, outcome, SessionResult.REFUSED, "refused " + request.code() + ": " + e.getMessage());
        } catch (IOException e) {
            if (request.payload() instanceof FilePacket p && p.streamed() && fromThePeer(e)) {
                // a streamed packet's data stopped, dripped or ended early: as for any frame
                readFailed(e, session, outcome);
                return false;
            }
            // the peer went away, or a file could not be written: the reply may not reach it
            context.logger().log(Level.WARNING, "request " + request.code() + " failed: " + e);
            refuse(session, outcome, SessionResult.FAILED, "failed " + request.code() + ": " + e);
        } catch (Exception e) {
            context.logger().log(Level.ERROR, "handler of " + request.code() + " failed", e);
            refuse(session, outcome, SessionResult.ERROR, "error in " + request.code() + ": " + e);
        }
        return false;
    }

    /** A failure of reading the peer's bytes, not of the server's own work. */
    private static boolean fromThePeer(IOException e) {
        return e instanceof TruncatedFrameException || e instanceof UploadTooSlowException
                || e instanceof java.net.SocketTimeoutException;
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
            try {
                socket.shutdownOutput();
            } catch (UnsupportedOperationException e) {
                // a TLS socket that cannot half-close (Conscrypt's): the peer reads the 1607 and closes
            }
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

    private void refuse(ConnectionSession session, SessionOutcome outcome, SessionResult kind, String why) {
        outcome.result(kind, why);
        try {
            session.close();
            session.reply(new GeneralError());
        } catch (IOException e) {
            context.logger().log(Level.DEBUG, () -> "cannot send 1607: " + e);
        }
    }
}
