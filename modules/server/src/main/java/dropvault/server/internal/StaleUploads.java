package dropvault.server.internal;

import java.time.Duration;

/** How old another machine's unfinished uploads must be before a server's start removes them. */
public final class StaleUploads {
    /** An upload writes at least once an idle timeout; one untouched for this long has no server any more. */
    private static final Duration MIN_STALE_AGE = Duration.ofHours(1);

    private StaleUploads() {
    }

    public static Duration age(Duration idleTimeout) {
        Duration tenTimeouts = idleTimeout.multipliedBy(10);
        return tenTimeouts.compareTo(MIN_STALE_AGE) > 0 ? tenTimeouts : MIN_STALE_AGE;
    }
}
