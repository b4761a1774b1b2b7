package dropvault.server.internal;

import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import dropvault.protocol.ResponseEncoder;
import dropvault.protocol.ResponsePayload;
import dropvault.server.spi.FileArea;
import dropvault.server.spi.PendingUpload;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Reservation;
import dropvault.server.spi.Session;
import dropvault.server.spi.UploadOutcome;
import dropvault.storage.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Optional;

/** The state of one connection, and what its handlers may use. Used by one thread at a time. */
final class ConnectionSession implements Session {
    private final ServerContext context;
    private final OutputStream out;
    private final SessionOutcome outcome;
    private ClientId clientId;
    private Reservation reservation;
    private byte[] aesKey;
    private PendingUpload upload;
    private boolean holdsPermit;
    private int resends;

    private final FrameDeadlineInputStream in;

    ConnectionSession(ServerContext context, OutputStream out, SessionOutcome outcome) {
        this(context, null, out, outcome);
    }

    /** {@code in}: the connection's input, for {@link #peerSendsWithin}; null when there is none. */
    ConnectionSession(ServerContext context, FrameDeadlineInputStream in, OutputStream out, SessionOutcome outcome) {
        this.context = context;
        this.in = in;
        this.out = out;
        this.outcome = outcome;
    }

    @Override
    public Optional<java.time.Duration> resendAnswerWait() {
        return context.resendAnswerWait();
    }

    @Override
    public boolean peerSendsWithin(java.time.Duration wait) throws IOException {
        return in == null || in.awaitByte(wait);
    }

    @Override
    public void reply(ResponsePayload response) throws IOException {
        out.write(ResponseEncoder.encode(response));
        out.flush();
        outcome.replied(response.code());
    }

    @Override
    public Optional<ClientId> clientId() {
        return Optional.ofNullable(clientId);
    }

    @Override
    public void identify(ClientId id) {
        clientId = id;
        outcome.client(id);
    }

    @Override
    public Optional<Reservation> reservation() {
        return Optional.ofNullable(reservation);
    }

    @Override
    public void reserve(Reservation r) {
        reservation = r;
    }

    @Override
    public Optional<byte[]> aesKey() {
        return Optional.ofNullable(aesKey).map(byte[]::clone);
    }

    @Override
    public void keyExchanged(ClientId id, byte[] key) {
        identify(id);
        aesKey = key.clone();
    }

    @Override
    public Optional<PendingUpload> upload() {
        return Optional.ofNullable(upload);
    }

    @Override
    public void beginUpload(PendingUpload u) throws RequestRefusedException {
        if (upload != null) {
            throw new RequestRefusedException("an upload is in progress already");
        }
        if (!context.uploadPermits().tryAcquire()) {
            throw new RequestRefusedException("the server takes no more uploads at once");
        }
        holdsPermit = true;
        upload = u;
        outcome.file(context.files().safeName(u.fileName()));
    }

    @Override
    public void endUpload(UploadOutcome how) throws IOException {
        PendingUpload u = upload;
        if (u == null) {
            return;
        }
        upload = null;
        releasePermit();
        outcome.bytes(u.plaintextSize());
        outcome.dialect(u.dialect());
        outcome.result(how.name().toLowerCase(java.util.Locale.ROOT));
        if (how != UploadOutcome.STORED) {
            u.discard();
        }
    }

    /** Drops an upload left unfinished when the connection ends. */
    void close() {
        PendingUpload u = upload;
        if (u == null) {
            return;
        }
        upload = null;
        releasePermit();
        outcome.bytes(u.plaintextSize());
        outcome.dialect(u.dialect());
        outcome.result("dropped: upload unfinished, " + outcome.result());
        try {
            u.discard();
        } catch (IOException e) {
            context.logger().log(System.Logger.Level.WARNING, "cannot delete " + u.file() + ": " + e);
        }
    }

    private void releasePermit() {
        if (holdsPermit) {
            holdsPermit = false;
            context.uploadPermits().release();
        }
    }

    @Override
    public int resends() {
        return resends;
    }

    @Override
    public int countResend() {
        return ++resends;
    }

    @Override
    public long maxFileSize() {
        return context.maxFileSize();
    }

    @Override
    public Store store() {
        return context.store();
    }

    @Override
    public CryptoSuite crypto() {
        return context.crypto();
    }

    @Override
    public FileArea files() {
        return context.files();
    }

    @Override
    public Clock clock() {
        return context.clock();
    }

    @Override
    public System.Logger logger() {
        return context.logger();
    }
}
