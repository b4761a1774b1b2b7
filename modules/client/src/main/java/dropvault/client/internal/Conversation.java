package dropvault.client.internal;

import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.client.UploadException.Failure;
import dropvault.client.UploadListener;
import dropvault.client.UploadResult;
import dropvault.client.UploadResult.SessionStart;
import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.FileReceived;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.NameField;
import dropvault.protocol.ProtocolException;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRefused;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.Reconnected;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import dropvault.protocol.RegistrationFailed;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.RequestPayload;
import dropvault.protocol.Response;
import dropvault.protocol.ResponseCode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One upload, as PROTOCOL.md §5 tells it: register or reconnect, stream the file, compare the
 * cksums, confirm; 901 and the whole file again on a mismatch (at most three resends), then 902.
 * Every request is tried at most three times; an answer of 1607, an unexpected code or a malformed
 * frame is reported and the request repeated, on a new connection (reconnecting first once a
 * session key was issued) when the server closed the old one.
 */
public final class Conversation implements AutoCloseable {
    static final int MAX_ATTEMPTS = 3;
    static final int MAX_RESENDS = 3;

    private static final int REGISTERED = ResponseCode.REGISTERED.code();
    private static final int REGISTRATION_FAILED = ResponseCode.REGISTRATION_FAILED.code();
    private static final int KEY_ISSUED = ResponseCode.KEY_ISSUED.code();
    private static final int FILE_RECEIVED = ResponseCode.FILE_RECEIVED.code();
    private static final int THANKS = ResponseCode.THANKS.code();
    private static final int RECONNECTED = ResponseCode.RECONNECTED.code();
    private static final int RECONNECT_REFUSED = ResponseCode.RECONNECT_REFUSED.code();

    private final UploadConfig config;
    private final CryptoSuite crypto;
    private final UploadListener listener;
    private final IdentityFiles files;
    private final int timeoutMillis;
    private final Supplier<KeyPair> keyPairs;

    private Connection connection;
    private Identity identity;
    private byte[] aesKey;
    private SessionStart start;
    private long lastCksum;
    /** The dialect of the requests now; with {@code findDialect}, the ones left to try after it. */
    private Dialect dialect;
    private final List<Dialect> untried = new ArrayList<>();
    private final KnownDialects knownDialects;

    /** What one request is: how to send it, which answers it expects, how a new connection treats it. */
    private record Step(String what, Sender sender, Set<Integer> expected, Set<Integer> skipped,
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
    private interface Sender {
        void send(Connection c) throws IOException, LocalFileException;
    }

    /** The connection carrying an upload broke before its verdict was answered: the file must go again. */
    private static final class UploadLostException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    public Conversation(UploadConfig config, CryptoSuite crypto, UploadListener listener) {
        this(config, crypto, listener, crypto::generateKeyPair);
    }

    /** With the key pairs a registration uses coming from {@code keyPairs} (fixed ones reproduce recorded frames). */
    public Conversation(UploadConfig config, CryptoSuite crypto, UploadListener listener, Supplier<KeyPair> keyPairs) {
        this.keyPairs = keyPairs;
        this.config = config;
        this.crypto = crypto;
        this.listener = listener;
        this.files = new IdentityFiles(config.clientDir(), crypto);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.timeout().toMillis()));
        this.knownDialects = new KnownDialects(config.clientDir());
        this.dialect = config.dialect();
        if (config.findDialect()) {
            dialect = knownDialects.lookUp(config.host(), config.port()).orElse(config.dialect());
            for (Dialect d : Dialect.NAMED) {
                if (!d.equals(dialect)) {
                    untried.add(d);
                }
            }
        }
    }

    public UploadResult run() throws UploadException {
        LocalFile file;
        PacketPlan plan;
        Optional<Identity> stored;
        try {
            file = LocalFile.of(config.file());
            plan = PacketPlan.of(file.size(), config.chunkSize());
            stored = files.load();
            if (stored.isEmpty()) {
                files.prepareFolder();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UploadException(Failure.LOCAL_FILE, e.getMessage(), e);
        }
        try {
            if (stored.isPresent()) {
                if (!stored.get().name().equals(config.name())) {
                    listener.info("me.info names the client '" + stored.get().name() + "'; using that name, not '"
                            + config.name() + "'");
                }
                reconnect(stored.get());
            } else {
                register(config.name());
            }
            return upload(file, plan);
        } catch (LocalFileException e) {
            throw new UploadException(Failure.LOCAL_FILE, e.getMessage(), e);
        }
    }

    private void register(String name) throws UploadException, LocalFileException {
        NameField field = wireName(name);
        Response r = exchange(new Step("register (825)", nameFrame(() -> ClientId.ZERO, new RegisterRequest(field)),
                Set.of(REGISTERED, REGISTRATION_FAILED), false));
        if (r.payload() instanceof RegistrationFailed) {
            throw new UploadException(Failure.SERVER, "registration refused (1601): the server says the name '"
                    + name + "' is taken or invalid");
        }
        ClientId id = ((Registered) r.payload()).clientId();
        listener.info("registered as " + id.hex());
        sendPublicKey(name, id);
        if (start == null) {
            start = SessionStart.REGISTERED;
        }
    }

    private void sendPublicKey(String name, ClientId id) throws UploadException, LocalFileException {
        KeyPair keys = keyPairs.get();
        identity = new Identity(name, id, keys.getPrivate());
        try {
            files.save(identity);
        } catch (IOException e) {
            throw new UploadException(Failure.LOCAL_FILE, "cannot write " + files.meInfo() + " and " + files.privKey()
                    + ": " + e.getMessage(), e);
        }
        byte[] publicKey = crypto.encodePublicKey(keys.getPublic());
        Response r = exchange(new Step("public key (826)",
                frame(() -> id, new PublicKeyRequest(wireName(name), publicKey)), Set.of(KEY_ISSUED), false));
        aesKey = unwrap(keys.getPrivate(), ((KeyIssued) r.payload()).wrappedKey());
    }

    private void reconnect(Identity stored) throws UploadException, LocalFileException {
        Response r = exchange(new Step("reconnect (827)",
                nameFrame(stored::clientId, new ReconnectRequest(wireName(stored.name()))),
                Set.of(RECONNECTED, RECONNECT_REFUSED), false));
        if (r.payload() instanceof Reconnected k) {
            aesKey = unwrap(stored.privateKey(), k.wrappedKey());
            identity = stored;
            if (start == null) {
                start = SessionStart.RECONNECTED;
            }
            listener.info("reconnected as " + stored.clientId().hex());
            return;
        }
        ClientId offered = ((ReconnectRefused) r.payload()).clientId();
        listener.info("the server refused the reconnection (1606); registering anew");
        if (start == null) {
            start = SessionStart.REREGISTERED;
        }
        if (dialect.features().containsAll(Dialect.SEED.features()) && !offered.equals(ClientId.ZERO)) {
            sendPublicKey(stored.name(), offered);
        } else {
            register(stored.name());
        }
    }

    private UploadResult upload(LocalFile file, PacketPlan plan) throws UploadException, LocalFileException {
        int transfers = 0;
        int resends = 0;
        int lostVerdicts = 0;
        FileSender sender = new FileSender(file, plan, dialect, listener);
        while (true) {
            boolean afterRetry = resends > 0;
            FileSender current = sender;
            Response r;
            try {
                r = exchange(new Step("file (828 x " + plan.packets() + ", " + dialect + ")",
                        c -> sendFile(c, current), Set.of(FILE_RECEIVED), afterRetry ? Set.of(THANKS) : Set.of(),
                        true, false, untried.isEmpty() ? MAX_ATTEMPTS : 1));
            } catch (UploadException e) {
                if (untried.isEmpty() || e.failure() == Failure.LOCAL_FILE) {
                    throw e;
                }
                Dialect next = untried.removeFirst();
                listener.dialect("the server did not take the file in dialect " + dialect + " (" + e.getMessage()
                        + "); trying " + next);
                dropConnection();
                dialect = next;
                sender = new FileSender(file, plan, dialect, listener);
                continue;
            }
            transfers++;
            FileReceived received = (FileReceived) r.payload();
            if (!received.fileName().text().equals(file.wireName().text())) {
                throw new UploadException(Failure.SERVER, "the server's 1603 names the file '" + received.fileName()
                        + "', not '" + file.wireName() + "'");
            }
            // servers in the wild put the ciphertext, the plaintext or a packet's size here: the cksum decides
            if (received.contentSize() != plan.contentSize()) {
                listener.info("the server's 1603 says " + received.contentSize() + " bytes, not the "
                        + plan.contentSize() + " of ciphertext");
            }
            if (received.cksum() == lastCksum) {
                try {
                    verdict(CrcReport.Verdict.MATCHED, file.wireName());
                } catch (UploadLostException e) {
                    if (++lostVerdicts >= MAX_ATTEMPTS) {
                        throw new UploadException(Failure.CONNECTION, "the connection broke " + lostVerdicts
                                + " times before the server confirmed the file");
                    }
                    continue;
                }
                listener.info("file confirmed: cksum " + lastCksum);
                if (config.findDialect()) {
                    String found = "dialect " + dialect + " works with " + config.host() + ":" + config.port();
                    // stderr only when it had to be found: a first try that works keeps stderr empty
                    if (untried.size() + 1 < Dialect.NAMED.size()) {
                        listener.dialect(found);
                    } else {
                        listener.info(found);
                    }
                    knownDialects.remember(config.host(), config.port(), dialect, listener);
                }
                return new UploadResult(identity.clientId(), start, file.wireName().text(), file.size(),
                        plan.contentSize(), lastCksum, transfers);
            }
            String mismatch = "the server's cksum " + received.cksum() + " (" + received.contentSize()
                    + " bytes) does not match the file's " + lastCksum + " (" + plan.contentSize() + " bytes)";
            if (resends == MAX_RESENDS) {
                try {
                    verdict(CrcReport.Verdict.ABORT, file.wireName());
                } catch (UploadLostException e) {
                    listener.serverError("the connection broke before 902 was acknowledged");
                } catch (UploadException e) {
                    listener.serverError("902 was not acknowledged: " + e.getMessage());
                }
                throw new UploadException(Failure.CRC_MISMATCH, mismatch + " after " + MAX_RESENDS
                        + " resends; gave up (902)");
            }
            resends++;
            listener.info(mismatch + "; sending it again (901, resend " + resends + " of " + MAX_RESENDS + ")");
            sendWithoutAnswer(RequestEncoder.encode(identity.clientId(),
                    new CrcReport(CrcReport.Verdict.RETRY, file.wireName())));
        }
    }

    private void verdict(CrcReport.Verdict verdict, NameField fileName) throws UploadException, LocalFileException {
        String what = switch (verdict) {
            case MATCHED -> "crc ok (900)";
            case RETRY -> "crc bad (901)";
            case ABORT -> "crc bad, giving up (902)";
        };
        exchange(new Step(what, frame(identity::clientId, new CrcReport(verdict, fileName)), Set.of(THANKS), Set.of(),
                true, true));
    }

    private void sendFile(Connection c, FileSender sender) throws IOException, LocalFileException {
        lastCksum = sender.send(c, identity.clientId(), () -> crypto.encryptor(aesKey));
    }

    private Response exchange(Step step) throws UploadException, LocalFileException {
        String problem = null;
        boolean connectionLost = false;
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
                listener.serverError(step.what() + " " + problem);
                if (connection.closedByServer()) {
                    dropConnection();
                }
            } catch (ProtocolException e) {
                problem = "answered with a malformed frame: " + e.getMessage();
                connectionLost = false;
                listener.serverError(step.what() + " " + problem);
                dropConnection();
            } catch (IOException e) {
                problem = "lost the connection: " + e.getMessage();
                connectionLost = true;
                listener.serverError(step.what() + " " + problem);
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
        return connection.read();
    }

    private void ensureConnection(boolean needsSession) throws UploadException, LocalFileException {
        if (connection != null) {
            return;
        }
        try {
            connection = Connection.open(config, timeoutMillis, listener);
        } catch (ServerIdentityException e) {
            throw new UploadException(Failure.IDENTITY, e.getMessage(), e);
        } catch (IOException e) {
            throw new UploadException(Failure.CONNECTION, "cannot connect to " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        if (needsSession && identity != null) {
            reconnect(identity);
        }
    }

    private void sendWithoutAnswer(byte[] frame) {
        try {
            connection.send(frame);
        } catch (IOException e) {
            dropConnection();
        }
    }

    private void dropConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private byte[] unwrap(PrivateKey key, byte[] wrapped) throws UploadException {
        try {
            byte[] k = crypto.unwrapKey(key, wrapped);
            if (k.length != 32) {
                throw new UploadException(Failure.SERVER, "the server's AES key is " + k.length + " bytes, not 32");
            }
            return k;
        } catch (GeneralSecurityException e) {
            throw new UploadException(Failure.SERVER, "cannot unwrap the server's AES key with this client's private key"
                    + " (does the server hold another public key for it?): " + e.getMessage(), e);
        }
    }

    private static NameField wireName(String name) throws UploadException {
        try {
            return NameField.of(name);
        } catch (IllegalArgumentException e) {
            throw new UploadException(Failure.LOCAL_FILE, "the name '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * 825 or 827: its name field padded to 255 bytes, or (unpadded names, PROTOCOL.md §8) the name
     * and one NUL.
     */
    private Sender nameFrame(Supplier<ClientId> id, RequestPayload payload) {
        if (!dialect.has(DialectFeature.UNPADDED_NAMES)) {
            return frame(id, payload);
        }
        return c -> {
            byte[] padded = RequestEncoder.encode(id.get(), payload);
            NameField name = payload instanceof RegisterRequest reg ? reg.name() : ((ReconnectRequest) payload).name();
            int size = name.textLength() + 1;
            byte[] frame = java.util.Arrays.copyOf(padded, 23 + size);
            java.nio.ByteBuffer.wrap(frame, 19, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(size);
            c.send(frame);
        };
    }

    private static Sender frame(Supplier<ClientId> id, RequestPayload payload) {
        return c -> c.send(RequestEncoder.encode(id.get(), payload));
    }

    @Override
    public void close() {
        dropConnection();
    }
}
