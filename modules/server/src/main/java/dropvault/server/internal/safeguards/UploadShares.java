package dropvault.server.internal.safeguards;

import dropvault.protocol.ClientId;
import dropvault.server.spi.ServerLimitException;
import java.net.InetAddress;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Upload slots shared fairly: of {@code max.concurrent.uploads}, one source holds at most
 * {@code limits.uploads.per.source} (exempt sources: no such share) and one client at most
 * {@code limits.uploads.per.client}, from any sources. An upload over a share is refused as over the
 * server's own limit (1607, no misconduct), with one throttled log line.
 */
public final class UploadShares {
    private final SourceGroups groups;
    private final int perSource;
    private final int perClient;
    private final Guards.ThrottledLog log;
    private final Tally<SourceGroups.Key> bySource = new Tally<>();
    private final Tally<ClientId> byClient = new Tally<>();
    private final AtomicLong refused = new AtomicLong();

    UploadShares(SourceGroups groups, int perSource, int perClient, Guards.ThrottledLog log) {
        this.groups = groups;
        this.perSource = perSource;
        this.perClient = perClient;
        this.log = log;
    }

    /** The slot of one upload, its shares with it; {@link #release} gives them all back, once. */
    public final class Slot {
        private final Semaphore server;
        private final SourceGroups.Key source;
        private final ClientId client;
        private boolean held = true;

        private Slot(Semaphore server, SourceGroups.Key source, ClientId client) {
            this.server = server;
            this.source = source;
            this.client = client;
        }

        public void release() {
            if (!held) {
                return;
            }
            held = false;
            // the shares first: whoever sees the server's slot free finds them free too
            give(source, client);
            server.release();
        }
    }

    /**
     * Takes a slot of {@code server} (max.concurrent.uploads) for an upload from {@code source} for
     * {@code client} (null: none named yet), within their shares.
     *
     * @throws ServerLimitException when the server or a share is full; nothing is taken then
     */
    public Slot take(InetAddress source, ClientId client, Semaphore server) throws ServerLimitException {
        SourceGroups.Key key = groups.exempt(source) ? null : groups.key(source);
        if (key != null && !bySource.tryTake(key, perSource)) {
            throw refused(source.getHostAddress() + " has " + perSource + " uploads in progress already"
                    + " (limits.uploads.per.source)");
        }
        if (client != null && !byClient.tryTake(client, perClient)) {
            give(key, null);
            throw refused("client " + client.hex() + " has " + perClient + " uploads in progress already"
                    + " (limits.uploads.per.client)");
        }
        if (!server.tryAcquire()) {
            give(key, client);
            // the server's own limit, as before the shares: not counted as a share refused
            throw new ServerLimitException("the server takes no more uploads at once");
        }
        return new Slot(server, key, client);
    }

    private ServerLimitException refused(String why) {
        refused.incrementAndGet();
        log.warn("upload refused (1607): " + why);
        return new ServerLimitException(why);
    }

    private void give(SourceGroups.Key source, ClientId client) {
        if (source != null) {
            bySource.give(source);
        }
        if (client != null) {
            byClient.give(client);
        }
    }

    /** Uploads refused for a share since the start. */
    long refused() {
        return refused.get();
    }

    int heldBy(ClientId client) {
        return byClient.held(client);
    }

    int heldFrom(InetAddress source) {
        return bySource.held(groups.key(source));
    }
}
