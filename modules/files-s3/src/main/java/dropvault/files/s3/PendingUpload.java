package dropvault.files.s3;

import java.time.Instant;

/** A multipart upload begun and neither completed nor aborted; {@code key} is relative to the store's prefix. */
public record PendingUpload(String key, String uploadId, Instant initiated) {
}
