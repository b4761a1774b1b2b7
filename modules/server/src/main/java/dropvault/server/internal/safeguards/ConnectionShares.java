package dropvault.server.internal.safeguards;

import dropvault.transport.TcpServer;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connections per source ({@code limits.connections.per.source}): a source holding its share has
 * its new connections closed at accept, with one throttled log line. Exempt sources have no share.
 * It also counts the connections without a key exchange closed to make room (the transport decides
 * which, {@code limits.connections.unkeyed.percent}).
 */
public final class ConnectionShares {
    private final SourceGroups groups;
    private final int perSource;
    private final Guards.ThrottledLog log;
    private final Tally<SourceGroups.Key> open = new Tally<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong closedForRoom = new AtomicLong();

    ConnectionShares(SourceGroups groups, int perSource, Guards.ThrottledLog log) {
        this.groups = groups;
        this.perSource = perSource;
        this.log = log;
    }

    /** Whether {@code source} may open one more connection; when it may, the connection counts until {@link #released}. */
    public boolean admit(InetAddress source) {
        if (groups.exempt(source) || open.tryTake(groups.key(source), perSource)) {
            return true;
        }
        refused.incrementAndGet();
        log.warn("turned away connections from " + source.getHostAddress() + ": it holds " + perSource
                + " connections already (limits.connections.per.source)");
        return false;
    }

    /** A connection {@link #admit} let in has ended. */
    public void released(InetAddress source) {
        if (!groups.exempt(source)) {
            open.give(groups.key(source));
        }
    }

    /** The admission of a server: {@code first} (penalties), then this share; the transport reports back here. */
    public TcpServer.Admission after(TcpServer.Admission first) {
        return new TcpServer.Admission() {
            @Override
            public boolean admit(InetAddress source) {
                return first.admit(source) && ConnectionShares.this.admit(source);
            }

            @Override
            public void released(InetAddress source) {
                ConnectionShares.this.released(source);
            }

            @Override
            public void closedForRoom(InetAddress source) {
                closedForRoom.incrementAndGet();
            }
        };
    }

    /** Connections {@code source}'s group holds now. */
    int held(InetAddress source) {
        return open.held(groups.key(source));
    }

    long refused() {
        return refused.get();
    }

    long closedForRoom() {
        return closedForRoom.get();
    }
}
