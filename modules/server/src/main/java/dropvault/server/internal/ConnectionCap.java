package dropvault.server.internal;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The connections the open-file limit leaves room for: every connection is a file descriptor, and
 * beyond the limit {@code accept} fails for the connection and every one after it. So a server
 * whose max.connections the limit cannot hold serves fewer, and says why.
 *
 * @param connections the most connections to serve at once
 * @param warning     why that is fewer than max.connections, when it is
 */
public record ConnectionCap(int connections, Optional<String> warning) {
    /** Descriptors kept for the store, the jars, the JVM's own use and the listening socket. */
    static final int RESERVED_FILES = 64;

    /**
     * @param openFiles the open-file limit; empty when unlimited or unknown
     * @param uploads   max.concurrent.uploads: each upload keeps its file open
     */
    public static ConnectionCap of(int maxConnections, OptionalLong openFiles, int uploads) {
        if (openFiles.isEmpty()) {
            return new ConnectionCap(maxConnections, Optional.empty());
        }
        long reserved = RESERVED_FILES + (long) uploads;
        long room = openFiles.getAsLong() - reserved;
        if (maxConnections <= room) {
            return new ConnectionCap(maxConnections, Optional.empty());
        }
        int allowed = (int) Math.max(1, room);
        return new ConnectionCap(allowed, Optional.of("the open-file limit (ulimit -n) is " + openFiles.getAsLong()
                + ": keeping " + RESERVED_FILES + " for the server's own files and " + uploads
                + " for uploads, it leaves room for "
                + allowed + " connections, not the " + maxConnections + " of max.connections; serving at most "
                + allowed + ". Raise the limit (ulimit -n, or LimitNOFILE= in a systemd unit) or lower"
                + " max.connections"));
    }
}
