package dropvault.client.internal;

import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.client.UploadException.Failure;
import dropvault.client.UploadListener;
import dropvault.protocol.ClientId;
import dropvault.protocol.ProtocolException;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.RequestPayload;
import dropvault.protocol.Response;
import java.io.IOException;
import java.security.PrivateKey;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The requests of one upload and their answers, one at a time, on one connection at a time. Every
 * request is tried at most three times; an answer of 1607, an unexpected code or a malformed frame
 * is reported and the request repeated, on a new connection (with the session restored first, once
 * a session key was issued) when the server closed the old one.
 */
final class ServerExchange implements AutoCloseable {
    static final int MAX_ATTEMPTS = 3;

    private final UploadConfig config;
    private final UploadListener listener;
    private final int timeoutMillis;
    private final SessionRestorer restorer;
    private final Supplier<Optional<PrivateKey>> clientKey;
    private Connection connection;
    /** While a dialect is looked for: how long a silent server is waited for (0: the read timeout). */
    private long answerMillis;
    private long silentMillis;

    /** What one request is: how to send it, which answers it expects, how a new connection treats it. */
    record Step(String what, Sender sender, Set<Integer> expected, Set<Integer> skipped,
                boolean needsSession, boolean boundToConnection, int attempts) {
        Step(String what, Sender sender, Set<Integer> expected, boolean needsSession) {
            this(what, sender, expected, Set.of(), needsSession, false, MAX_ATTEMPTS);
        }

        Step(String what, Sender sender, Set<Integer> expected, Set<Integer> skipped, boolean needsSession,
             boolean boundToConnection) {
            this(what, sender, expected, skipped, needsSession, boundToConnection, MAX_ATTEMPTS);
        }
    }

    @FunctionalInterface
    interface Sender {
        void send(Connection c) throws IOException, LocalFileException;

        /** The request as one frame, with the client id {@code id} gives when it is sent. */
        static Sender of(Supplier<ClientId> id, RequestPayload payload) {
            return c -> c.send(RequestEncoder.encode(id.get(), payload));
        }
    }

    /** Brings a new connection into the session (a reconnect), once there is one to restore. */
    @FunctionalInterface
    interface SessionRestorer {
        void restore() throws UploadException, LocalFileException;
    }

    /** The connection carrying an upload broke before its verdict was answered: the file must go again. */
    static final class UploadLostException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param clientKey the client's private key when a connection opens: over TLS, a certificate of its
     *                  key pair proves to the server that the client holds it
     */
    ServerExchange(UploadConfig config, UploadListener listener, SessionRestorer restorer,
                   Supplier<Optional<PrivateKey>> clientKey) {
        this.config = config;
        this.listener = listener;
        this.restorer = restorer;
        this.clientKey = clientKey;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.timeout().toMillis()));
    }

    Response exchange(Step step) throws UploadException, LocalFileException {
        String problem = null;
        boolean connectionLost = false;
        // a try of a dialect search: the caller says in one line what it got
        boolean tryOfSearch = answerMillis > 0 && step.attempts() == 1;
        for (int attempt = 1; attempt <= step.attempts(); attempt++) {
            if (connection == null && step.boundToConnection()) {
                throw new UploadLostException();
            }
            ensureConnection(step.needsSession());
            try {
                Response r = sendAndRead(step);
                while (step.skipped().contains(r.code())) {
                    r = connection.read();
                }
                if (step.expected().contains(r.code())) {
                    return r;
                }
                problem = "answered " + r.code() + (ResponseReader.isUnknown(r) ? " (not a protocol code)" : "");
                connectionLost = false;
                if (!tryOfSearch) {
                    listener.serverError(step.what() + " " + problem);
                }
                if (connection.closedByServer()) {
                    dropConnection();
                }
            } catch (ProtocolException e) {
                problem = "answered with a malformed frame: " + e.getMessage();
                connectionLost = false;
                if (!tryOfSearch) {
                    listener.serverError(step.what() + " " + problem);
                }
                dropConnection();
            } catch (IOException e) {
                problem = "lost the connection: " + e.getMessage();
                connectionLost = true;
                if (!tryOfSearch) {
                    listener.serverError(step.what() + " " + problem);
                }
                dropConnection();
            }
        }
        throw new UploadException(connectionLost ? Failure.CONNECTION : Failure.SERVER,
                step.what() + " failed " + step.attempts() + (step.attempts() == 1 ? " time" : " times")
                        + "; last it " + problem);
    }

    /**
     * Sends the step's request and reads the answer. A server that refuses a request in the middle
     * (an 828 packet) answers at once and closes: when the sending fails, its answer may still be
     * waiting to be read.
     */
    private Response sendAndRead(Step step) throws IOException, LocalFileException {
        try {
            step.sender().send(connection);
        } catch (IOException sendFailure) {
            try {
                return connection.read();
            } catch (IOException noAnswer) {
                sendFailure.addSuppressed(noAnswer);
                throw sendFailure;
            }
        }
        if (answerMillis > 0) {
            try {
                connection.awaitAnswer(answerMillis, config.answerWait().signal());
            } catch (SilenceException e) {
                silentMillis += e.allowedMillis();
                throw e;
            }
        }
        return connection.read();
    }

    /** The next response on the connection of the last exchange, for an answer of several frames. */
    Response next(String what) throws UploadException {
        return next(what, Connection::read);
    }

    /** {@link #next(String)} with the payload read into {@code buffer}. */
    ResponseReader.Frame nextInto(String what, byte[] buffer) throws UploadException {
        return next(what, c -> c.readInto(buffer));
    }

    private interface Read<T> {
        T from(Connection c) throws IOException;
    }

    private <T> T next(String what, Read<T> read) throws UploadException {
        if (connection == null) {
            throw new UploadException(Failure.CONNECTION, what + ": the connection is gone");
        }
        try {
            return read.from(connection);
        } catch (ProtocolException e) {
            dropConnection();
            throw new UploadException(Failure.SERVER, what + ": the server answered with a malformed frame: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            dropConnection();
            throw new UploadException(Failure.CONNECTION, what + ": lost the connection: " + e.getMessage(), e);
        }
    }

    /** From now on a server silent for {@code millis} after a request has answered; 0 waits the read timeout. */
    void boundAnswers(long millis) {
        this.answerMillis = millis;
    }

    /** The waits all silences cost so far, as the {@link dropvault.client.AnswerWait} allowed them. */
    long silentMillis() {
        return silentMillis;
    }

    private void ensureConnection(boolean needsSession) throws UploadException, LocalFileException {
        if (connection != null) {
            return;
        }
        try {
            connection = Connection.open(config, timeoutMillis, listener,
                    config.tls().enabled() ? clientKey.get() : Optional.empty());
        } catch (ServerIdentityException e) {
            throw new UploadException(Failure.IDENTITY, e.getMessage(), e);
        } catch (IOException e) {
            throw new UploadException(Failure.CONNECTION, "cannot connect to " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        if (needsSession) {
            restorer.restore();
        }
    }

    /** Sends a request the server does not answer (901); a broken connection is dropped, for the next request to notice. */
    void sendWithoutAnswer(byte[] frame) {
        try {
            connection.send(frame);
        } catch (IOException e) {
            dropConnection();
        }
    }

    void dropConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public void close() {
        dropConnection();
    }
}
