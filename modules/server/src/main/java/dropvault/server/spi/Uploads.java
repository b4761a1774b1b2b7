package dropvault.server.spi;

import dropvault.protocol.ClientId;
import dropvault.storage.StoreException;
import dropvault.storage.VersionPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The upload in progress on a connection ({@link Session#uploads()}), and what the handlers that
 * receive and confirm a file need besides the {@link Session}: the server's limits for files, disk
 * claims, the 901 wait, and the gate that the step where bad padding shows runs in.
 */
public interface Uploads {

    /** The upload in progress on this connection. */
    Optional<PendingUpload> current();

    /**
     * Makes {@code upload} the upload in progress.
     *
     * @throws RequestRefusedException when one is in progress already, or the server takes no more
     *                                 uploads at once
     */
    void begin(PendingUpload upload) throws RequestRefusedException;

    /** Ends the upload in progress; unless it was {@link UploadOutcome#STORED}, its file is discarded. */
    void end(UploadOutcome outcome) throws IOException;

    /**
     * 900: keeps the complete upload in progress under its name as a confirmed file, what the name held
     * before kept as a version (within {@link #versionPolicy()}), and ends it as {@link UploadOutcome#STORED}.
     * Returns when the file and its record are durable.
     *
     * @throws RequestRefusedException when no complete upload is in progress
     */
    void keep() throws Exception;

    /** Times 901 was received on this connection. */
    int resends();

    /** Counts one more 901 and returns the new count. */
    int countResend();

    /**
     * The 901 conflict (docs/DIALECTS.md): how long a resend's first packet may take to follow a 901
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

    /** A step of a request whose outcome may be {@link Session#misconduct}, such as the last packet of an upload. */
    @FunctionalInterface
    interface Judged {
        void run() throws Exception;
    }

    /**
     * Runs {@code step} only while this connection's source owes no penalty and its client may still
     * be guessed at, and one step at a time per source: so connections opened at once cannot each make
     * an attempt before the first one's penalty lands (an exempt source runs it at once).
     *
     * @throws SourcePenalizedException when the source is penalized or the client's guesses are spent:
     *                                  the connection is closed unanswered
     */
    default void judged(Judged step) throws Exception {
        step.run();
    }

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
}
