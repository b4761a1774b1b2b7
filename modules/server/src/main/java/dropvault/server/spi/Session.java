package dropvault.server.spi;

import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import dropvault.protocol.ResponsePayload;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.VersionPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What a handler may use of the connection it serves. One session per connection; its handlers
 * run one at a time on the connection's thread. State set here lasts as long as the connection.
 */
public interface Session {

    /** Encodes and sends one response in one write. */
    void reply(ResponsePayload response) throws IOException;

    /** The client this connection speaks for, once a registration or key exchange named it. */
    Optional<ClientId> clientId();

    /** Names the client this connection speaks for. */
    void identify(ClientId clientId);

    /** The client id held for a name after 1606 on this connection. */
    Optional<Reservation> reservation();

    void reserve(Reservation reservation);

    /** The AES key given to this connection by 1602 or 1605; a reconnect elsewhere never changes it. */
    Optional<byte[]> aesKey();

    /** Records the key exchange of this connection: the client it names and the AES key sent to it. */
    void keyExchanged(ClientId clientId, byte[] aesKey);

    /** The upload in progress on this connection. */
    Optional<PendingUpload> upload();

    /**
     * Makes {@code upload} the upload in progress.
     *
     * @throws RequestRefusedException when one is in progress already, or the server takes no more
     *                                 uploads at once
     */
    void beginUpload(PendingUpload upload) throws RequestRefusedException;

    /** Ends the upload in progress; unless it was {@link UploadOutcome#STORED}, its file is discarded. */
    void endUpload(UploadOutcome outcome) throws IOException;

    /** Times 901 was received on this connection. */
    int resends();

    /** Counts one more 901 and returns the new count. */
    int countResend();

    /**
     * PROTOCOL.md §8, the 901 conflict: how long a resend's first packet may take to follow a 901
     * before the server answers the 901 with 1604; empty when it never answers 901.
     */
    default Optional<Duration> resendAnswerWait() {
        return Optional.empty();
    }

    /**
     * Waits at most {@code wait} for the peer's next request: true when a byte of it arrives (or the
     * peer closes), false when the peer stays silent. Consumes nothing of the request.
     */
    default boolean peerSendsWithin(Duration wait) throws IOException {
        return true;
    }

    /** The largest plaintext file this server accepts. */
    long maxFileSize();

    /** How many earlier versions of a replaced file the store keeps. */
    VersionPolicy versionPolicy();

    /** Counts the versions a confirmed upload made and dropped, for the server's figures. */
    void countVersions(int kept, int dropped);

    /**
     * Reports what the peer did wrong; the source address of the connection is penalized for it
     * (unless it is exempt). The refusal that usually follows is then not counted a second time.
     */
    void misconduct(Misconduct what);

    /** A step of a request whose outcome may be {@link #misconduct}, such as the last packet of an upload. */
    @FunctionalInterface
    interface Judged {
        void run() throws Exception;
    }

    /**
     * Runs {@code step} only while this connection's source owes no penalty, and one step at a time
     * per source: so connections opened at once cannot each make an attempt before the first one's
     * penalty lands (an exempt source runs it at once).
     *
     * @throws SourcePenalizedException when the source is penalized: the connection is closed unanswered
     */
    default void judged(Judged step) throws Exception {
        step.run();
    }

    /**
     * Asks whether the server takes one more registration from this connection's source and in all
     * ({@code max.clients}); false means answer 1601. Counts the registration when it answers true.
     */
    boolean admitRegistration() throws StoreException;

    /**
     * Claims {@code bytes} of disk for the upload in progress, against the free-space reserve of the
     * data folder and the client's quota; the claim ends with the upload.
     *
     * @throws ServerLimitException when they do not fit
     */
    void claimDisk(ClientId clientId, long bytes) throws ServerLimitException, StoreException;

    /**
     * Checks, while an upload arrives, that the data folder's free space is still above the reserve.
     *
     * @throws ServerLimitException when it is not: the upload is refused and its file removed
     */
    void checkDisk() throws ServerLimitException;

    Store store();

    CryptoSuite crypto();

    FileArea files();

    Clock clock();

    System.Logger logger();
}
