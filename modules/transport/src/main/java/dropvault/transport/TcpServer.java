package dropvault.transport;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts TCP connections and serves each on its own virtual thread with a {@link ConnectionHandler}.
 *
 * <p>Every connection gets a read timeout ({@code SO_TIMEOUT}), so an idle peer is dropped. Beyond
 * {@code maxConnections} open connections a new one is accepted and closed at once. {@link #stop}
 * stops accepting, waits a bounded time for connections in flight, then closes what is left.
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

    private TcpServer(ServerSocket serverSocket, Builder b) {
        this.serverSocket = serverSocket;
        this.handler = b.handler;
        this.readTimeoutMillis = Math.toIntExact(b.readTimeout.toMillis());
        this.maxConnections = b.maxConnections;
        this.admission = b.admission;
        this.proxyProtocol = b.proxyProtocol;
        this.layer = b.layer;
        this.onEnded = b.onEnded;
    }

    /** Decides at accept whether a connection from {@code source} is served; a refused one is closed at once. */
    @FunctionalInterface
    public interface Admission {
        boolean admit(InetAddress source);
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
                // behind a PROXY header the socket's peer is the balancer: the client is judged once the header is read
                if (proxyProtocol == ProxyProtocol.OFF && !admission.admit(socket.getInetAddress())) {
                    ended();
                    closeQuietly(socket);
                    continue;
                }
                if (openCount.incrementAndGet() > maxConnections) {
                    openCount.decrementAndGet();
                    refusedWarning.warn("refused " + socket.getRemoteSocketAddress() + ": " + maxConnections
                            + " connections already open");
                    ended();
                    closeQuietly(socket);
                    continue;
                }
                open.add(socket);
                Thread.ofVirtual().name("conn-" + socket.getRemoteSocketAddress()).start(() -> serve(socket));
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

    private void serve(Socket socket) {
        Socket served = socket;
        try {
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
            InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
            if (proxyProtocol != ProxyProtocol.OFF) {
                try {
                    peer = ProxyHeaderReader.read(socket, proxyProtocol, readTimeoutMillis).orElse(peer);
                } catch (IOException e) {
                    proxyWarning.warn("closed " + peer + ": " + e.getMessage());
                    return;
                }
                if (!admission.admit(peer.getAddress())) {
                    return;
                }
            }
            try {
                served = layer.over(socket, peer);
            } catch (IOException e) {
                layerWarning.warn("closed " + peer + ": " + e.getMessage());
                return;
            }
            handler.handle(served, peer);
        } catch (IOException | RuntimeException e) {
            if (!(stopping && e instanceof SocketException)) {
                LOG.log(Level.DEBUG, () -> "connection " + socket.getRemoteSocketAddress() + " ended: " + e);
            }
        } finally {
            // the slot is free and the end counted before the peer can see the close: a peer that
            // saw it may connect again and be served
            open.remove(socket);
            openCount.decrementAndGet();
            ended();
            if (served != socket) {
                closeQuietly(served);
            }
            closeQuietly(socket);
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
