package dropvault.transport;

import dropvault.transport.internal.IdleOrder;
import dropvault.transport.internal.ThrottledWarning;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts TCP connections and serves each on its own virtual thread with a {@link ConnectionHandler}.
 *
 * <p>Every connection gets a read timeout ({@code SO_TIMEOUT}), so an idle peer is dropped. Beyond
 * {@code maxConnections} open connections a new one is accepted and closed at once; connections
 * not yet marked keyed ({@link Connection#markKeyed}) hold at most {@code maxUnkeyedConnections} of
 * them, and when they do, the one of them idle longest is closed to make room for a new one (as
 * OpenSSH's MaxStartups drops early). {@link #stop} stops accepting, waits a bounded time for
 * connections in flight, then closes what is left.
 */
public final class TcpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TcpServer.class.getName());
    private static final Duration AFTER_CLOSE = Duration.ofSeconds(1);
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** After a failed accept (no file descriptor left, say), so that the loop does not spin. */
    private static final long ACCEPT_RETRY_PAUSE_MILLIS = 50;

    private final ServerSocket serverSocket;
    private final ConnectionHandler handler;
    private final int readTimeoutMillis;
    private final int maxConnections;
    private final Admission admission;
    private final ProxyProtocol proxyProtocol;
    private final SocketLayer layer;
    private final Runnable onEnded;
    private final IdleOrder<Served> unkeyed;
    private final AtomicLong closedForRoom = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger openCount = new AtomicInteger();
    private final AtomicLong acceptedCount = new AtomicLong();
    /** Connections accepted and since ended (refused at once, or served to their end), guarded by {@link #open}. */
    private long endedCount;
    private final CountDownLatch acceptLoopDone = new CountDownLatch(1);
    private volatile boolean stopping;
    private final ThrottledWarning refusedWarning = new ThrottledWarning(LOG, WARNING_INTERVAL_NANOS, System::nanoTime);
    private final ThrottledWarning acceptWarning = new ThrottledWarning(LOG, WARNING_INTERVAL_NANOS, System::nanoTime);
    private final ThrottledWarning proxyWarning = new ThrottledWarning(LOG, WARNING_INTERVAL_NANOS, System::nanoTime);
    private final ThrottledWarning layerWarning = new ThrottledWarning(LOG, WARNING_INTERVAL_NANOS, System::nanoTime);
    private final ThrottledWarning roomWarning = new ThrottledWarning(LOG, WARNING_INTERVAL_NANOS, System::nanoTime);

    private TcpServer(ServerSocket serverSocket, Builder b) {
        this.serverSocket = serverSocket;
        this.handler = b.handler;
        this.readTimeoutMillis = Math.toIntExact(b.readTimeout.toMillis());
        this.maxConnections = b.maxConnections;
        this.admission = b.admission;
        this.proxyProtocol = b.proxyProtocol;
        this.layer = b.layer;
        this.onEnded = b.onEnded;
        this.unkeyed = new IdleOrder<>(b.maxUnkeyedConnections);
    }

    /**
     * Decides at accept whether a connection from {@code source} is served; a refused one is closed at
     * once. Each connection it admitted is {@linkplain #released released} when it ends, refused
     * over max.connections or served.
     */
    @FunctionalInterface
    public interface Admission {
        boolean admit(InetAddress source);

        /** A connection from {@code source} that {@link #admit} let in has ended. */
        default void released(InetAddress source) {
        }

        /** A connection from {@code source} not marked keyed was closed to make room for a new one. */
        default void closedForRoom(InetAddress source) {
        }
    }

    public static Builder builder(ConnectionHandler handler) {
        return new Builder(handler);
    }

    /** The address and port it listens on (the real port when 0 was asked for). */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** Whether the listener still accepts connections (false once stopping, or when its loop ended). */
    public boolean accepting() {
        return !stopping && !serverSocket.isClosed() && acceptLoopDone.getCount() > 0;
    }

    /** Connections being served now. */
    public int openConnections() {
        return openCount.get();
    }

    /** Connections not marked keyed, closed to make room for a new connection since the start. */
    public long closedForRoom() {
        return closedForRoom.get();
    }

    /** Connections accepted since the start, served or refused at once. */
    public long acceptedConnections() {
        return acceptedCount.get();
    }

    /**
     * Connections accepted since the start that have ended: refused at once, or served until their
     * handler returned (so whatever it cleans up is cleaned up).
     */
    public long endedConnections() {
        synchronized (open) {
            return endedCount;
        }
    }

    /**
     * Waits until at least {@code count} connections have ended (see {@link #endedConnections}).
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitEndedConnections(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (open) {
            while (endedCount < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(open, left);
            }
        }
        return true;
    }

    /** Counts a connection's end and wakes whoever waits for it or for {@link #openCount} to fall. */
    private void ended() {
        synchronized (open) {
            endedCount++;
            open.notifyAll();
        }
        onEnded.run();
    }

    private void acceptLoop() {
        try {
            while (!stopping) {
                Socket socket;
                try {
                    socket = serverSocket.accept();
                } catch (IOException e) {
                    if (!stopping) {
                        acceptWarning.warn("accept failed: " + e);
                        pauseAfterFailedAccept();
                    }
                    continue;
                }
                acceptedCount.incrementAndGet();
                Served c = new Served(socket);
                // behind a PROXY header the socket's peer is the balancer: the client is judged once the header is read
                if (proxyProtocol == ProxyProtocol.OFF) {
                    if (!admission.admit(socket.getInetAddress())) {
                        ended();
                        closeQuietly(socket);
                        continue;
                    }
                    c.admitted = socket.getInetAddress();
                }
                Served idlest = unkeyed.add(c);
                if (idlest != null) {
                    closeForRoom(idlest);
                }
                if (openCount.incrementAndGet() > maxConnections) {
                    openCount.decrementAndGet();
                    unkeyed.remove(c);
                    refusedWarning.warn("refused " + socket.getRemoteSocketAddress() + ": " + maxConnections
                            + " connections already open");
                    release(c);
                    ended();
                    closeQuietly(socket);
                    continue;
                }
                c.slot.set(true);
                open.add(socket);
                Thread.ofVirtual().name("conn-" + socket.getRemoteSocketAddress()).start(() -> serve(c));
            }
        } finally {
            acceptLoopDone.countDown();
        }
    }

    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(ACCEPT_RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes {@code idlest}, the unkeyed connection idle longest, whose slot the new connection takes
     * at once; its handler sees the closed socket and ends.
     */
    private void closeForRoom(Served idlest) {
        if (idlest.slot.getAndSet(false)) {
            openCount.decrementAndGet();
        }
        closedForRoom.incrementAndGet();
        InetSocketAddress peer = idlest.peer;
        admission.closedForRoom(peer.getAddress());
        roomWarning.warn("closed the connection without a key exchange idle longest (from "
                + peer.getAddress().getHostAddress() + ") to make room: they hold the most they may");
        closeQuietly(idlest.raw);
    }

    private void release(Served c) {
        if (c.admitted != null) {
            admission.released(c.admitted);
            c.admitted = null;
        }
    }

    private void serve(Served c) {
        Socket socket = c.raw;
        try {
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            if (proxyProtocol != ProxyProtocol.OFF) {
                InetSocketAddress peer = c.peer;
                try {
                    c.peer = ProxyHeaderReader.read(socket, proxyProtocol, readTimeoutMillis).orElse(peer);
                } catch (IOException e) {
                    proxyWarning.warn("closed " + peer + ": " + e.getMessage());
                    return;
                }
                if (!admission.admit(c.peer.getAddress())) {
                    return;
                }
                c.admitted = c.peer.getAddress();
            }
            try {
                c.layered(layer.over(socket, c.peer));
            } catch (IOException e) {
                layerWarning.warn("closed " + c.peer + ": " + e.getMessage());
                return;
            }
            handler.handle(c);
        } catch (IOException | RuntimeException e) {
            if (!(stopping && e instanceof SocketException)) {
                LOG.log(Level.DEBUG, () -> "connection " + socket.getRemoteSocketAddress() + " ended: " + e);
            }
        } finally {
            // the slot is free and the end counted before the peer can see the close: a peer that
            // saw it may connect again and be served
            unkeyed.remove(c);
            open.remove(socket);
            if (c.slot.getAndSet(false)) {
                openCount.decrementAndGet();
            }
            release(c);
            ended();
            if (c.socket() != socket) {
                closeQuietly(c.socket());
            }
            closeQuietly(socket);
        }
    }

    /** A connection being served: whether it holds its slot, the source its admission counted, its place among the idle. */
    private final class Served extends BasicConnection {
        /** Cleared once, by whoever frees the slot first: the end of its service, or closing it for room. */
        final AtomicBoolean slot = new AtomicBoolean();
        /** The source {@link Admission#admit} let in, until it is released; used by one thread at a time. */
        InetAddress admitted;

        /** The accepted socket, under whatever layer (TLS) the handler reads through. */
        final Socket raw;

        Served(Socket socket) {
            super(socket, (InetSocketAddress) socket.getRemoteSocketAddress());
            this.raw = socket;
        }

        @Override
        void keyedNow() {
            unkeyed.remove(this);
        }

        @Override
        void activeNow() {
            unkeyed.active(this);
        }
    }

    /**
     * Stops accepting, waits up to {@code grace} for the connections in flight to end, then closes
     * the rest.
     *
     * @return true when every connection ended by itself within {@code grace}
     */
    public boolean stop(Duration grace) throws InterruptedException {
        stopping = true;
        closeQuietly(serverSocket);
        acceptLoopDone.await();
        boolean clean = awaitNoConnections(grace);
        if (!clean) {
            LOG.log(Level.WARNING, "closing " + openCount.get() + " connections still open after " + grace);
            open.forEach(TcpServer::closeQuietly);
            // their handlers see the closed sockets and clean up; give them a moment to finish
            awaitNoConnections(AFTER_CLOSE);
        }
        return clean;
    }

    private boolean awaitNoConnections(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (open) {
            while (openCount.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(open, left);
            }
        }
        return true;
    }

    /** {@link #stop} with no grace: connections in flight are closed at once. */
    @Override
    public void close() {
        try {
            stop(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "close failed: " + e);
        }
    }

    /** What a {@link TcpServer} listens on and how it treats connections; the defaults are safe. */
    public static final class Builder {
        private final ConnectionHandler handler;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxConnections = 256;
        private int maxUnkeyedConnections = Integer.MAX_VALUE;
        private int backlog = 128;
        private Admission admission = source -> true;
        private ProxyProtocol proxyProtocol = ProxyProtocol.OFF;
        private SocketLayer layer = SocketLayer.NONE;
        private Runnable onEnded = () -> { };

        private Builder(ConnectionHandler handler) {
            this.handler = Objects.requireNonNull(handler);
        }

        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address);
            return this;
        }

        /** The port to listen on; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /** How long a read may wait for the peer before the connection is dropped. */
        public Builder readTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("read timeout must be positive and at most ~24 days: " + timeout);
            }
            this.readTimeout = timeout;
            return this;
        }

        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max connections must be at least 1: " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * How many of the open connections may be not yet {@linkplain Connection#markKeyed marked keyed}
         * (all of them by default). When they hold that many, a new connection closes the one of them
         * idle longest and takes its place.
         */
        public Builder maxUnkeyedConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max unkeyed connections must be at least 1: " + max);
            }
            this.maxUnkeyedConnections = max;
            return this;
        }

        /** Which connections are served at all (every one by default); it decides it in the accept loop, so keep it quick. */
        public Builder admission(Admission decides) {
            this.admission = Objects.requireNonNull(decides);
            return this;
        }

        public Builder backlog(int backlog) {
            this.backlog = Math.max(1, backlog);
            return this;
        }

        /**
         * Whether every connection starts with a PROXY protocol header naming the client (off by
         * default). The header must arrive whole within the read timeout.
         */
        public Builder proxyProtocol(ProxyProtocol mode) {
            this.proxyProtocol = Objects.requireNonNull(mode);
            return this;
        }

        /** A layer (TLS) over every accepted socket, put on by the connection's own thread (none by default). */
        public Builder layer(SocketLayer socketLayer) {
            this.layer = Objects.requireNonNull(socketLayer);
            return this;
        }

        /** Called each time a connection has ended (see {@link #endedConnections}), after it was counted. */
        public Builder onEnded(Runnable listener) {
            this.onEnded = Objects.requireNonNull(listener);
            return this;
        }

        /** Binds and starts accepting on a virtual thread. */
        public TcpServer start() throws IOException {
            ServerSocket ss = new ServerSocket();
            try {
                ss.setReuseAddress(true);
                ss.bind(new InetSocketAddress(bindAddress, port), backlog);
            } catch (IOException e) {
                ss.close();
                throw new IOException("cannot listen on " + bindAddress.getHostAddress() + ":" + port + ": "
                        + e.getMessage(), e);
            }
            TcpServer server = new TcpServer(ss, this);
            Thread.ofVirtual().name("accept-" + server.localAddress().getPort()).start(server::acceptLoop);
            return server;
        }
    }
}
