package dropvault.server.internal;

import java.io.IOException;

/** The upload in progress arrives slower than {@code limits.upload.min.bytes.per.second}: it is dropped. */
final class UploadTooSlowException extends IOException {
    UploadTooSlowException(String message) {
        super(message);
    }
}
