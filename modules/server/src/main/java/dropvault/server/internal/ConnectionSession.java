package dropvault.server.internal;

import dropvault.crypto.CryptoSuite;
import dropvault.server.internal.safeguards.Guards;
import dropvault.server.internal.safeguards.UploadShares;
import dropvault.protocol.ClientId;
import dropvault.protocol.ResponseEncoder;
import dropvault.protocol.ResponsePayload;
import dropvault.server.events.SessionResult;
import dropvault.protocol.ResponseCode;
import dropvault.storage.files.FileArea;
import dropvault.storage.files.FileKeeper;
import dropvault.server.spi.Misconduct;
import dropvault.server.spi.ServerLimitException;
import dropvault.server.spi.PendingUpload;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Reservation;
import dropvault.server.spi.Session;
import dropvault.server.spi.UploadOutcome;
import dropvault.server.spi.Uploads;
import dropvault.storage.FileVersion;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.VersionPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The state of one connection, and what its handlers may use. Used by one thread at a time. */
final class ConnectionSession implements Session, Uploads {
    private final ServerContext context;
    private final OutputStream out;
    private final SessionOutcome outcome;
    private final InetAddress source;
    private boolean misconductReported;
    private long diskClaimed;
    private ClientId clientId;
    private Reservation reservation;
    private byte[] aesKey;
    private byte[] provenKey;
    private PendingUpload upload;
    private UploadShares.Slot slot;
    private Runnable onKeyExchange = () -> { };
    private int resends;
    private final Map<Class<?>, Object> pluginStates = new HashMap<>();

    private final FrameDeadlineInputStream in;

    /** A session with no connection input to look ahead in (for tests). */
    ConnectionSession(ServerContext context, OutputStream out, SessionOutcome outcome, InetAddress source) {
        this(context, null, out, outcome, source);
    }

    /**
     * @param in     the connection's input, for {@link #peerSendsWithin}; null when there is none
     * @param source the address penalties and limits count against (the peer's, or one a PROXY header gives)
     */
    ConnectionSession(ServerContext context, FrameDeadlineInputStream in, OutputStream out, SessionOutcome outcome,
                      InetAddress source) {
        this.source = source;
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
        if (response.code() == ResponseCode.RECONNECT_REFUSED.code()) {
            misconduct(Misconduct.RECONNECT_REFUSED);
        }
        out.write(ResponseEncoder.encode(response));
        out.flush();
        outcome.replied(response.code());
        context.events().replied(response.code());
    }

    /** The source address of this connection: the one place penalties and limits take it from. */
    InetAddress source() {
        return source;
    }

    /** Whether a misconduct was reported since the last call, which clears it. */
    boolean takeMisconductReported() {
        boolean r = misconductReported;
        misconductReported = false;
        return r;
    }

    @Override
    public void misconduct(Misconduct what) {
        misconductReported = true;
        context.guards().misconduct(source, clientId, what);
    }

    @Override
    public void judged(Judged step) throws Exception {
        context.guards().judged(source, clientId, step);
    }

    @Override
    public boolean admitRegistration() throws StoreException {
        return context.guards().admitRegistration(source, context.store().keyedClientCount());
    }

    @Override
    public void claimDisk(ClientId id, long bytes) throws ServerLimitException, StoreException {
        Guards guards = context.guards();
        long quota = guards.quotaPerClient();
        if (quota > 0) {
            long stored = context.store().storedBytes(id);
            if (stored + bytes > quota) {
                String why = "client " + id.hex() + " stores " + stored + " bytes; " + bytes + " more exceed its quota of "
                        + quota;
                guards.diskRefused(why);
                throw new ServerLimitException(why);
            }
        }
        String refused = guards.disk().claim(bytes);
        if (refused != null) {
            guards.diskRefused(refused);
            throw new ServerLimitException(refused);
        }
        diskClaimed += bytes;
    }

    @Override
    public void checkDisk() throws ServerLimitException {
        String refused = context.guards().disk().check();
        if (refused != null) {
            context.guards().diskRefused(refused);
            throw new ServerLimitException(refused);
        }
    }

    private void releaseDisk() {
        if (diskClaimed > 0) {
            context.guards().disk().release(diskClaimed);
            diskClaimed = 0;
        }
    }

    @Override
    public VersionPolicy versionPolicy() {
        return context.guards().settings().versions();
    }

    @Override
    public void keep() throws Exception {
        PendingUpload u = upload;
        if (u == null || !u.complete() || clientId == null) {
            throw new RequestRefusedException("no complete upload to keep on this connection");
        }
        FileKeeper.Kept kept = context.keeper().keep(clientId, content(u), true, context.clock().instant(), versionPolicy())
                .orElseThrow();
        end(UploadOutcome.STORED);
        removeDropped(clientId, kept);
    }

    @Override
    public java.util.OptionalLong restoreVersion(ClientId id, String fileName, long number) throws Exception {
        Optional<FileKeeper.Kept> kept = context.keeper().restore(id, fileName, number, context.clock().instant(),
                versionPolicy());
        if (kept.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        removeDropped(id, kept.get());
        return java.util.OptionalLong.of(kept.get().replacement().kept().map(FileVersion::number).orElse(0L));
    }

    /** What keeping an upload keeps: its content where it was written, with its name, size and cksum. */
    private static FileKeeper.Content content(PendingUpload u) {
        return new FileKeeper.Content(u.fileName(), u.target(), u.plaintextSize(), u.cksum());
    }

    private void removeDropped(ClientId id, FileKeeper.Kept kept) {
        context.keeper().removeDropped(id, kept);
        context.guards().countVersions(kept.replacement().kept().isPresent() ? 1 : 0, kept.replacement().pruned().size());
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
    public Optional<byte[]> provenKey() {
        return Optional.ofNullable(provenKey).map(byte[]::clone);
    }

    /** The key the peer proved it holds in the TLS handshake ({@link dropvault.transport.Connection#provenKey}). */
    void peerProved(byte[] key) {
        provenKey = key.clone();
    }

    @Override
    public void keyExchanged(ClientId id, byte[] key) {
        identify(id);
        aesKey = key.clone();
        onKeyExchange.run();
    }

    /** Runs {@code r} at each key exchange (1602, 1605), before its answer goes out. */
    void onKeyExchange(Runnable r) {
        onKeyExchange = r;
    }

    @Override
    public <T> T connectionState(Class<T> type, Supplier<T> initial) {
        return type.cast(pluginStates.computeIfAbsent(type, t -> initial.get()));
    }

    @Override
    public Uploads uploads() {
        return this;
    }

    @Override
    public Optional<PendingUpload> current() {
        return Optional.ofNullable(upload);
    }

    @Override
    public void begin(PendingUpload u) throws RequestRefusedException {
        if (upload != null) {
            throw new RequestRefusedException("an upload is in progress already");
        }
        if (clientId != null && context.guards().guessesSpent(clientId)) {
            throw new ServerLimitException("uploads for client " + clientId.hex() + " are refused for a while: too many"
                    + " of them failed their padding within a minute");
        }
        slot = context.guards().shares().uploads().take(source, clientId, context.uploadPermits());
        upload = u;
        context.events().uploadStarted();
        outcome.file(context.files().safeName(u.fileName()));
    }

    @Override
    public void end(UploadOutcome how) throws IOException {
        PendingUpload u = upload;
        if (u == null) {
            return;
        }
        upload = null;
        releasePermit();
        releaseDisk();
        outcome.bytes(u.plaintextSize());
        outcome.dialect(u.dialect());
        SessionResult kind = switch (how) {
            case STORED -> SessionResult.STORED;
            case RESEND -> SessionResult.RESEND;
            case ABANDONED -> SessionResult.ABANDONED;
        };
        outcome.result(kind, kind.label());
        if (how == UploadOutcome.STORED) {
            context.events().fileStored(u.plaintextSize());
        } else {
            u.discard();
        }
    }

    /**
     * Ends the upload left when the connection ends: one answered with 1603 that no 900, 901 or 902
     * followed is kept unconfirmed (docs/DIALECTS.md, "900 never sent") unless the server is told not to;
     * anything else is dropped.
     */
    void close() {
        PendingUpload u = upload;
        if (u == null) {
            return;
        }
        String result = outcome.result();
        Optional<FileKeeper.Kept> kept = Optional.empty();
        if (u.complete() && clientId != null && context.keepUnconfirmed()) {
            try {
                kept = context.keeper().keep(clientId, content(u), false, context.clock().instant(), versionPolicy());
            } catch (Exception e) {
                context.logger().log(System.Logger.Level.WARNING, "cannot keep the unconfirmed upload of "
                        + context.files().safeName(u.fileName()) + " of client " + clientId.hex() + ": " + e);
            }
        }
        upload = null;
        releasePermit();
        releaseDisk();
        outcome.bytes(u.plaintextSize());
        outcome.dialect(u.dialect());
        if (kept.isPresent()) {
            outcome.result(SessionResult.UNCONFIRMED, "kept unconfirmed: no 900 after 1603, " + result);
            context.events().fileStored(u.plaintextSize());
            removeDropped(clientId, kept.get());
            return;
        }
        outcome.result(u.complete() ? SessionResult.UNCONFIRMED : SessionResult.DROPPED, (u.complete()
                ? "not kept: no 900 after 1603" + (context.keepUnconfirmed() ? " and the name holds a confirmed file" : "")
                : "dropped: upload unfinished") + ", " + result);
        try {
            u.discard();
        } catch (IOException e) {
            context.logger().log(System.Logger.Level.WARNING, "cannot discard the upload of " + u.fileName() + ": " + e);
        }
    }

    private void releasePermit() {
        if (slot != null) {
            slot.release();
            slot = null;
            context.events().uploadEnded();
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
