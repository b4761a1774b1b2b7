package dropvault.server;

import dropvault.crypto.CryptoProviderUnavailableException;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.server.internal.ConnectionCap;
import dropvault.server.internal.safeguards.DiskGuard;
import dropvault.server.internal.safeguards.Guards;
import dropvault.server.internal.Dispatcher;
import dropvault.server.internal.HandlerRegistry;
import dropvault.server.internal.StaleUploads;
import dropvault.server.internal.MemoryPlan;
import dropvault.server.internal.OpenFileLimit;
import dropvault.server.internal.RegistrationExpiry;
import dropvault.server.internal.ServerContext;
import dropvault.server.events.ServerEvents;
import dropvault.server.events.ServerStatus;
import dropvault.server.spi.RequestHandler;
import dropvault.storage.OwnerOnly;
import dropvault.storage.Store;
import dropvault.protocol.ClientId;
import dropvault.storage.StoreException;
import dropvault.storage.files.FileArea;
import dropvault.storage.files.FileAreaProvider;
import dropvault.storage.spi.Providers;
import dropvault.storage.spi.StoreProvider;
import dropvault.transport.ProxyProtocol;
import dropvault.transport.SocketLayer;
import dropvault.transport.TcpServer;
import dropvault.server.internal.TlsSetup;
import java.security.GeneralSecurityException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * A running dropvault server: the handler plugins, the store and the TCP listener of one
 * {@link ServerConfig}. Start one with {@link #start(ServerConfig)} or {@link #builder}.
 */
public final class Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dropvault.server");

    private final ServerConfig config;
    /** The plain listener, or null when {@code plain.enabled=false}. */
    private final TcpServer tcp;
    /** The TLS listener, or null when no {@code tls.port} is set. */
    private final TcpServer tls;
    private final List<TcpServer> listeners;
    /** Notified each time a connection of either listener ends. */
    private final Object endedMonitor;
    private final Store store;
    private final boolean ownsStore;
    private final FileArea files;
    private final Semaphore uploadPermits;
    private final SafeguardFigures safeguards;
    private final RegistrationExpiry expiry;
    private volatile boolean stopped;

    private Server(ServerConfig config, TcpServer tcp, TcpServer tls, Object endedMonitor, Store store,
                   boolean ownsStore, FileArea files, Semaphore uploadPermits, SafeguardFigures safeguards,
                   RegistrationExpiry expiry) {
        this.safeguards = safeguards;
        this.expiry = expiry;
        this.config = config;
        this.tcp = tcp;
        this.tls = tls;
        this.listeners = java.util.stream.Stream.of(tcp, tls).filter(Objects::nonNull).toList();
        this.endedMonitor = endedMonitor;
        this.store = store;
        this.ownsStore = ownsStore;
        this.files = files;
        this.uploadPermits = uploadPermits;
    }

    /** Starts a server with the handlers and the store that {@link ServiceLoader} finds. */
    public static Server start(ServerConfig config) throws ServerStartException {
        return builder(config).start();
    }

    /**
     * Opens the store a server of {@code config} would use, as {@link ServiceLoader} finds it in the
     * layer of this module: for tools and tests that read the state while no server runs.
     */
    public static Store openStore(ServerConfig config) throws ServerStartException {
        return new Builder(config).openStore(config.dataDir());
    }

    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** What the server is doing now, and whether it is ready; cheap enough for every scrape. */
    public ServerStatus status() {
        return new ServerStatus(storeAnswers(), !stopped && listeners.stream().allMatch(TcpServer::accepting),
                listeners.stream().mapToInt(TcpServer::openConnections).sum(),
                config.maxConcurrentUploads() - uploadPermits.availablePermits(), diskFree(),
                OptionalLong.of(safeguards.diskReserveBytes()), OptionalLong.of(safeguards.penalizedSources()),
                OptionalLong.empty());
    }

    private boolean storeAnswers() {
        if (stopped) {
            return false;
        }
        try {
            store.client(ClientId.ZERO);
            return true;
        } catch (StoreException | RuntimeException e) {
            return false;
        }
    }

    private OptionalLong diskFree() {
        try {
            return OptionalLong.of(Files.getFileStore(config.dataDir()).getUsableSpace());
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The address it accepts plain connections on (the real port when port 0 was asked for); the TLS
     * listener's when the plain one is off.
     */
    public InetSocketAddress address() {
        return (tcp != null ? tcp : tls).localAddress();
    }

    /** The plain listener's address, when it is on. */
    public java.util.Optional<InetSocketAddress> plainAddress() {
        return java.util.Optional.ofNullable(tcp).map(TcpServer::localAddress);
    }

    /** The TLS listener's address, when it is on (the same protocol inside TLS 1.3). */
    public java.util.Optional<InetSocketAddress> tlsAddress() {
        return java.util.Optional.ofNullable(tls).map(TcpServer::localAddress);
    }

    public ServerConfig config() {
        return config;
    }

    /** Connections accepted since the start, served or refused at once. */
    public long connectionsAccepted() {
        return listeners.stream().mapToLong(TcpServer::acceptedConnections).sum();
    }

    /**
     * Connections accepted since the start that have ended, refused or served, with everything their
     * session left (a temporary file, its log line) already cleaned up or written.
     */
    public long connectionsEnded() {
        return listeners.stream().mapToLong(TcpServer::endedConnections).sum();
    }

    /**
     * Waits until at least {@code count} connections have ended (see {@link #connectionsEnded}).
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitConnectionsEnded(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (endedMonitor) {
            while (connectionsEnded() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(endedMonitor, left);
            }
        }
        return true;
    }

    /**
     * Removes the registrations that sent no public key within {@code registrations.expire.minutes} by
     * the server's clock, as the server does by itself every minute; returns how many.
     */
    public int expireRegistrations() throws StoreException {
        return expiry.sweep();
    }

    /** What the penalties, limits, disk reserve and versions are doing. */
    public SafeguardFigures safeguards() {
        return safeguards;
    }

    /**
     * Stops accepting, lets connections in flight finish for up to the configured shutdown grace,
     * closes the rest, then closes the store (when the server opened it). Idempotent.
     *
     * @return true when every connection ended by itself in time
     */
    public synchronized boolean stop() throws StoreException, InterruptedException {
        return stop(config.shutdownGrace());
    }

    public synchronized boolean stop(Duration grace) throws StoreException, InterruptedException {
        if (stopped) {
            return true;
        }
        stopped = true;
        boolean clean = true;
        try {
            // both stop accepting first; then each lets its connections finish within the grace
            long deadline = System.nanoTime() + grace.toNanos();
            for (TcpServer listener : listeners) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                clean &= listener.stop(left);
            }
        } finally {
            expiry.close();
            try {
                if (ownsStore) {
                    store.close();
                }
            } finally {
                closeQuietly(files);
            }
            LOG.log(Level.INFO, "dropvault stopped" + (clean ? "" : " (connections were cut)"));
        }
        return clean;
    }

    /** {@link #stop()}; an interrupt cuts the wait for connections short (the store still closes) and is kept. */
    @Override
    public void close() throws StoreException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How a {@link Server} is assembled; everything but the configuration has a default. */
    public static final class Builder {
        private final ServerConfig config;
        private ModuleLayer layer;
        private List<? extends RequestHandler> handlers;
        private Path pluginFolder;
        private Store store;
        private Clock clock = Clock.systemUTC();
        private ServerEvents events = ServerEvents.NONE;
        private FreeSpace freeSpace;
        private LongSupplier ticker = System::nanoTime;

        private Builder(ServerConfig config) {
            this.config = Objects.requireNonNull(config);
            Module self = Server.class.getModule();
            this.layer = self.getLayer() != null ? self.getLayer() : ModuleLayer.boot();
        }

        /** Where {@link ServiceLoader} looks for handlers and stores: this layer and its parents. */
        public Builder layer(ModuleLayer moduleLayer) {
            this.layer = Objects.requireNonNull(moduleLayer);
            return this;
        }

        /** Exactly these handlers instead of those {@link ServiceLoader} finds. */
        public Builder handlers(List<? extends RequestHandler> requestHandlers) {
            this.handlers = List.copyOf(requestHandlers);
            return this;
        }

        /**
         * Also loads the handler plugins dropped into {@code folder}: each jar a module in a child
         * layer of {@link #layer}. A jar that does not load is reported and skipped; a plugin that
         * claims a code another handler serves stops the start.
         */
        public Builder pluginFolder(Path folder) {
            this.pluginFolder = Objects.requireNonNull(folder);
            return this;
        }

        /**
         * The handlers a server of this builder would serve, by code, without starting it.
         *
         * @throws ServerStartException when the server would not start for them (two handlers for one code)
         */
        public List<HandlerInfo> listHandlers() throws ServerStartException {
            return registry().describeAll();
        }

        /** This store, which the caller closes, instead of one opened by name. */
        public Builder store(Store givenStore) {
            this.store = Objects.requireNonNull(givenStore);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Who hears what the server does (default: nobody), such as a metrics exporter. */
        public Builder events(ServerEvents observer) {
            this.events = Objects.requireNonNull(observer);
            return this;
        }

        /** Where the disk reserve reads free space (the data folder's file system by default). */
        public Builder freeSpace(FreeSpace space) {
            this.freeSpace = Objects.requireNonNull(space);
            return this;
        }

        /** The clock of penalties and rate limits, in nanoseconds ({@link System#nanoTime} by default). */
        public Builder ticker(LongSupplier nanos) {
            this.ticker = Objects.requireNonNull(nanos);
            return this;
        }

        private Guards guards() throws ServerStartException {
            Safeguards settings = config.safeguards();
            try {
                String simulated = System.getProperty(FreeSpace.SIMULATED_PROPERTY);
                FreeSpace space = freeSpace != null ? freeSpace
                        : simulated != null ? FreeSpace.simulated(Path.of(simulated)) : FreeSpace.of(config.dataDir());
                long reserve = settings.reserveFor(space.totalBytes());
                Guards g = new Guards(settings, new DiskGuard(space, reserve), ticker, LOG);
                LOG.log(Level.INFO, "keeping " + reserve + " bytes free for the store; "
                        + settings.versions().keepPerName() + " versions of each replaced file"
                        + (settings.exempt().isEmpty() ? "" : "; exempt from penalties and limits: "
                        + String.join(", ", settings.exempt())));
                return g;
            } catch (IllegalArgumentException e) {
                throw new ServerStartException(e.getMessage(), e);
            } catch (IOException e) {
                throw new ServerStartException("cannot read the free space of " + config.dataDir() + ": " + e, e);
            }
        }

        public Server start() throws ServerStartException {
            HandlerRegistry registry = registry();
            CryptoSuite crypto;
            try {
                crypto = CryptoSuites.forName(config.cryptoProvider());
            } catch (CryptoProviderUnavailableException e) {
                throw new ServerStartException(e.getMessage(), e);
            }
            try {
                OwnerOnly.createFolders(config.dataDir());
            } catch (IOException e) {
                throw new ServerStartException("cannot use data folder " + config.dataDir().toAbsolutePath() + ": "
                        + e, e);
            }
            FileArea files = openFiles();
            Guards guards = guards();
            guards.observe(events);
            boolean ownsStore = store == null;
            Store s;
            try {
                s = ownsStore ? openStore(config.dataDir()) : store;
            } catch (ServerStartException e) {
                closeQuietly(files);
                throw e;
            }
            s.onCommit(events::storeCommitted);
            Semaphore uploadPermits = new Semaphore(config.maxConcurrentUploads());
            ServerContext context = new ServerContext(s, crypto, files, clock, config.maxFileSize(), uploadPermits,
                    LOG, events, config.resendAnswerWait(), guards, config.keepUnconfirmed());
            RegistrationExpiry expiry = new RegistrationExpiry(s, clock, config.safeguards().registrationExpiry(), LOG);
            try {
                expiry.sweep();
            } catch (StoreException e) {
                LOG.log(Level.WARNING, "could not remove expired registrations at start (tried again in a minute): " + e);
            }
            int maxConnections = checkedMaxConnections();
            Dispatcher dispatcher = new Dispatcher(registry, context, config.idleTimeout());
            Object endedMonitor = new Object();
            TcpServer tcp = null;
            try {
                SocketLayer tlsLayer = config.tlsPort().isPresent() ? TlsSetup.layer(config.tlsProvider(),
                        config.tlsCertificate(), config.tlsPrivateKey(), config.dataDir(), config.idleTimeout(), LOG)
                        : null;
                if (config.plainEnabled()) {
                    tcp = listener(dispatcher, config.port(), maxConnections, SocketLayer.NONE, endedMonitor, guards);
                }
                TcpServer tls = tlsLayer == null ? null
                        : listener(dispatcher, config.tlsPort().getAsInt(), maxConnections, tlsLayer, endedMonitor,
                        guards);
                LOG.log(Level.INFO, "serving codes " + registry.codes() + " with the " + config.storeProvider()
                        + " store and " + crypto.providerName() + " crypto; data in "
                        + config.dataDir().toAbsolutePath());
                expiry.start();
                return new Server(config, tcp, tls, endedMonitor, s, ownsStore, files, uploadPermits, guards, expiry);
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                if (tcp != null) {
                    tcp.close();
                }
                closeQuietly(ownsStore ? s : null);
                closeQuietly(files);
                throw new ServerStartException(e instanceof IOException ? e.getMessage() : "TLS: " + e.getMessage(), e);
            }
        }

        /** One listener: every one serves the same dispatcher, with the same limits and safeguards. */
        private TcpServer listener(Dispatcher dispatcher, int port, int maxConnections, SocketLayer layer,
                                   Object endedMonitor, Guards guards) throws IOException {
            return TcpServer.builder(dispatcher)
                    .bindAddress(config.bindAddress())
                    .port(port)
                    .readTimeout(config.idleTimeout())
                    .maxConnections(maxConnections)
                    .maxUnkeyedConnections(guards.shares().unkeyedConnections(maxConnections))
                    .admission(guards.shares().connections().after(guards::admit))
                    .proxyProtocol(ProxyProtocol.parse(config.proxyProtocol()))
                    .layer(layer)
                    .onEnded(() -> {
                        synchronized (endedMonitor) {
                            endedMonitor.notifyAll();
                        }
                    })
                    .start();
        }

        /** max.connections, or fewer when the open-file limit cannot hold it; warns of limits the heap cannot hold. */
        private int checkedMaxConnections() {
            ConnectionCap cap = ConnectionCap.of(config.maxConnections(), OpenFileLimit.current(),
                    config.maxConcurrentUploads());
            cap.warning().ifPresent(w -> LOG.log(Level.WARNING, w));
            MemoryPlan.of(Runtime.getRuntime().maxMemory(), cap.connections(), config.maxConcurrentUploads(),
                    config.maxPacketData()).warning().ifPresent(w -> LOG.log(Level.WARNING, w));
            return cap.connections();
        }

        private HandlerRegistry registry() throws ServerStartException {
            try {
                HandlerRegistry r;
                if (handlers != null) {
                    r = HandlerRegistry.of(handlers, config.maxPacketData());
                } else if (pluginFolder != null) {
                    r = HandlerRegistry.load(layer, pluginFolder, config.maxPacketData());
                } else {
                    r = HandlerRegistry.load(layer, config.maxPacketData());
                }
                if (r.codes().isEmpty()) {
                    throw new ServerStartException("no request handlers found: are the plugin modules on the"
                            + " module path and resolved (--add-modules)?");
                }
                return r.withWholeFilePackets(config.maxFileSize());
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new ServerStartException(e.getMessage(), e);
            } catch (IOException e) {
                throw new ServerStartException("cannot read the plugins folder " + pluginFolder + ": " + e, e);
            }
        }

        /**
         * The file area {@code files.provider} names, as {@link ServiceLoader} finds it, with what uploads of
         * stopped servers left in it removed.
         */
        private FileArea openFiles() throws ServerStartException {
            Map<String, FileAreaProvider> providers = Providers.byName(layer, FileAreaProvider.class, FileAreaProvider::name);
            FileAreaProvider provider = providers.get(config.filesProvider());
            if (provider == null) {
                throw new ServerStartException("no file area named '" + config.filesProvider() + "'; found "
                        + providers.keySet() + " (is its module on the module path and resolved?)");
            }
            FileArea area;
            try {
                area = provider.open(config.dataDir(), config.filesOptions());
            } catch (IOException | RuntimeException e) {
                throw new ServerStartException("cannot open the " + provider.name() + " file area: " + e.getMessage(), e);
            }
            try {
                int removed = area.removeLeftovers(StaleUploads.age(config.idleTimeout()));
                if (removed > 0) {
                    LOG.log(Level.INFO, "removed " + removed + " unfinished uploads left by stopped servers");
                }
            } catch (IOException | RuntimeException e) {
                // what is left costs space, not correctness: the next start tries again
                LOG.log(Level.WARNING, "could not remove unfinished uploads of stopped servers from the "
                        + provider.name() + " file area: " + e.getMessage());
            }
            if (!provider.name().equals(ServerConfig.DATA_FOLDER_FILES)) {
                LOG.log(Level.INFO, "received files kept by the " + provider.name() + " file area");
            }
            return area;
        }

        private Store openStore(Path dataDir) throws ServerStartException {
            Map<String, StoreProvider> providers = Providers.byName(layer, StoreProvider.class, StoreProvider::name);
            StoreProvider provider = providers.get(config.storeProvider());
            if (provider == null) {
                throw new ServerStartException("no store named '" + config.storeProvider() + "'; found "
                        + providers.keySet() + " (is its module on the module path and resolved?)");
            }
            try {
                return provider.open(dataDir, config.storeOptions());
            } catch (StoreException | RuntimeException e) {
                throw new ServerStartException("cannot open the " + provider.name() + " store in "
                        + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void closeQuietly(FileArea files) {
        try {
            files.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot close the file area: " + e);
        }
    }

    private static void closeQuietly(Store s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "cannot close the store: " + e);
        }
    }
}
