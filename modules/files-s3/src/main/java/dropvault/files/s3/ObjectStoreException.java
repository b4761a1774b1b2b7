package dropvault.files.s3;

import java.io.IOException;

/**
 * An object-store operation that failed. {@link #isUnreachable()} tells a store that did not answer
 * (refused or cut connections, timeouts, a 5xx answer), after which a caller answers 1607 and keeps
 * serving, from a store that answered no (a missing object, refused credentials).
 */
public final class ObjectStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Kind {
        /** The store did not answer, or answered that it cannot serve now (5xx). */
        UNREACHABLE,
        /** No such object or multipart upload. */
        NOT_FOUND,
        /** The store answered and refused (credentials, a missing bucket, a malformed request). */
        REFUSED
    }

    private final Kind kind;

    public ObjectStoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isUnreachable() {
        return kind == Kind.UNREACHABLE;
    }

    public boolean isNotFound() {
        return kind == Kind.NOT_FOUND;
    }
}
