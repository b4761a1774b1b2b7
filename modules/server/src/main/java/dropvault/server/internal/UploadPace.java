package dropvault.server.internal;

import dropvault.server.internal.safeguards.Shares;
import dropvault.server.internal.safeguards.UploadRate;
import dropvault.server.spi.PendingUpload;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Judges the upload in progress on one connection, from its first packet to its last, against
 * {@code limits.upload.min.bytes.per.second}: at every read from the socket and at the end of each
 * window, so that an upload dripping a packet now and then is dropped at the first window it falls
 * short in, not at the idle timeout.
 */
final class UploadPace implements FrameDeadlineInputStream.Pace {
    private final Supplier<Optional<PendingUpload>> upload;
    private final Shares shares;
    private PendingUpload judged;
    private UploadRate rate;

    /** @param upload the upload in progress on the connection */
    UploadPace(Supplier<Optional<PendingUpload>> upload, Shares shares) {
        this.upload = upload;
        this.shares = shares;
    }

    @Override
    public long check(long received) throws UploadTooSlowException {
        PendingUpload u = upload.get().filter(p -> !p.complete()).orElse(null);
        if (u == null) {
            judged = null;
            rate = null;
            return Long.MAX_VALUE;
        }
        if (u != judged) {
            judged = u;
            rate = shares.uploadRate(received);
        }
        long now = shares.now();
        if (!rate.keepsUp(now, received)) {
            throw new UploadTooSlowException("arriving slower than limits.upload.min.bytes.per.second");
        }
        return rate.nanosToJudgement(now);
    }
}
