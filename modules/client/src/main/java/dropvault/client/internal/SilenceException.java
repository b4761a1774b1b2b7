package dropvault.client.internal;

import java.net.SocketTimeoutException;

/** A server looked for its dialect said nothing within the wait a try has: its silence is its answer. */
final class SilenceException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    private final long allowedMillis;

    SilenceException(long allowedMillis) {
        super("the server answered nothing within " + allowedMillis + " ms");
        this.allowedMillis = allowedMillis;
    }

    long allowedMillis() {
        return allowedMillis;
    }
}
