package dropvault.files.s3;

import dropvault.storage.OutageLog;
import java.io.UncheckedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns the SDK's unchecked exceptions into {@link ObjectStoreException}s that say what kind of failure
 * it was, and keeps the outage log of one store: a store that does not answer is logged once in a
 * while, and its first answer after that once.
 */
final class Failures {
    private final OutageLog outages;

    Failures(OutageLog outages) {
        this.outages = outages;
    }

    /** The store answered (with what was asked, or with a no). */
    void answered() {
        outages.succeeded();
    }

    ObjectStoreException of(String operation, RuntimeException e) {
        return reported(classify(operation, e));
    }

    /** A failure found elsewhere (a broken read), logged like the rest. */
    ObjectStoreException reported(ObjectStoreException e) {
        if (e.isUnreachable()) {
            outages.failed(e.getMessage());
        } else {
            outages.succeeded();
        }
        return e;
    }

    private static ObjectStoreException classify(String operation, RuntimeException e) {
        if (e instanceof AwsServiceException answered) {
            int status = answered.statusCode();
            String code = answered.awsErrorDetails() == null ? null : answered.awsErrorDetails().errorCode();
            ObjectStoreException.Kind kind = status >= 500 ? ObjectStoreException.Kind.UNREACHABLE
                    : status == 404 || "NoSuchKey".equals(code) || "NoSuchUpload".equals(code)
                    ? ObjectStoreException.Kind.NOT_FOUND : ObjectStoreException.Kind.REFUSED;
            return new ObjectStoreException(kind, operation + ": the object store answered " + status
                    + (code == null ? "" : " " + code), e);
        }
        if (e instanceof SdkException || e instanceof UncheckedIOException) {
            // no answer at all: refused or cut connection, timeout, unknown host
            return new ObjectStoreException(ObjectStoreException.Kind.UNREACHABLE, operation
                    + ": the object store is unreachable (" + rootMessage(e) + ")", e);
        }
        throw e;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
