package dropvault.metrics;

import dropvault.server.events.ServerEvents;
import dropvault.server.events.ServerStatus;
import dropvault.server.events.SessionResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The metrics of one server, in a registry of their own: counters fed by the server's events (give
 * this to {@code Server.Builder.events}), gauges read from its {@link ServerStatus} at each scrape
 * (give {@code server::status} to {@link #status}), and the JVM's metrics from the Prometheus
 * client's own instrumentation. {@link #serve} publishes them over HTTP.
 */
public final class ServerMetrics implements ServerEvents {
    /** Commit times of a store that forces each commit to disk: 0.5 ms to 2.5 s. */
    private static final double[] COMMIT_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1, 2.5};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private volatile Supplier<ServerStatus> status = () -> null;

    private final Counter sessions = Counter.builder().name("dropvault_sessions_total")
            .help("Finished sessions (connections) by what they came to, as in the session log line")
            .labelNames("result").register(registry);
    private final Counter requests = Counter.builder().name("dropvault_requests_total")
            .help("Requests read whole and handed to their handler, by request code")
            .labelNames("code").register(registry);
    private final Counter responses = Counter.builder().name("dropvault_responses_total")
            .help("Responses sent, by response code").labelNames("code").register(registry);
    private final Counter received = Counter.builder().name("dropvault_received_bytes_total")
            .help("Bytes of request frames read (headers and payloads)").register(registry);
    private final Counter stored = Counter.builder().name("dropvault_stored_bytes_total")
            .help("Plaintext bytes of confirmed files stored").register(registry);
    private final Counter filesStored = Counter.builder().name("dropvault_files_stored_total")
            .help("Confirmed files stored").register(registry);
    private final Gauge connections = Gauge.builder().name("dropvault_connections_open")
            .help("Connections being served").register(registry);
    private final Gauge uploads = Gauge.builder().name("dropvault_uploads_in_flight")
            .help("Uploads in progress").register(registry);
    private final Histogram commits = Histogram.builder().name("dropvault_store_commit_seconds")
            .help("How long each store commit took until durable (one commit may hold many changes)")
            .unit(Unit.SECONDS).classicOnly().classicUpperBounds(COMMIT_SECONDS).register(registry);
    private final Counter penaltiesImposed = Counter.builder().name("dropvault_penalties_imposed_total")
            .help("Penalties given to source addresses for what they did wrong").register(registry);
    private final Counter penaltyRefusals = Counter.builder().name("dropvault_penalty_refusals_total")
            .help("Connections refused because their source serves a penalty").register(registry);
    private final Counter versionsSaved = Counter.builder().name("dropvault_versions_saved_total")
            .help("Earlier contents kept as a version when a confirmed upload replaced them").register(registry);

    public ServerMetrics() {
        for (SessionResult r : SessionResult.values()) {
            sessions.initLabelValues(r.label());
        }
        gauge("dropvault_ready", "1 when the store is open, the disk reserve holds and the listener accepts",
                s -> OptionalLong.of(s.ready() ? 1 : 0));
        gauge("dropvault_store_open", "1 when the store is open and answers a read",
                s -> OptionalLong.of(s.storeOpen() ? 1 : 0));
        gauge("dropvault_disk_free_bytes", "Usable space on the data folder's file system", ServerStatus::diskFreeBytes);
        gauge("dropvault_disk_reserve_bytes", "Space the server keeps free for its store",
                ServerStatus::diskReserveBytes);
        gauge("dropvault_penalties_active", "Source addresses serving a penalty now", ServerStatus::penaltiesActive);
        gauge("dropvault_versions_kept", "Earlier contents of files kept as versions", ServerStatus::versionsKept);
        JvmMetrics.builder().register(registry);
    }

    private void gauge(String name, String help, Function<ServerStatus, OptionalLong> value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> {
            ServerStatus s = status.get();
            if (s != null) {
                value.apply(s).ifPresent(v -> cb.call(v));
            }
        }).register(registry);
    }

    /** Where the gauges and {@code /-/ready} read the server's state from, such as {@code server::status}. */
    public ServerMetrics status(Supplier<ServerStatus> source) {
        this.status = Objects.requireNonNull(source);
        return this;
    }

    /** The server's state now; null until {@link #status} was given a source. */
    ServerStatus currentStatus() {
        return status.get();
    }

    PrometheusRegistry registry() {
        return registry;
    }

    /** Serves {@code /metrics}, {@code /-/healthy} and {@code /-/ready} on {@code address} (port 0: a free one). */
    public MetricsServer serve(InetSocketAddress address) throws IOException {
        return MetricsServer.start(this, address);
    }

    /** What a scrape of {@code /metrics} shows now, in the Prometheus text format. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void connectionOpened() {
        connections.inc();
    }

    @Override
    public void connectionClosed() {
        connections.dec();
    }

    @Override
    public void bytesReceived(long bytes) {
        received.inc(bytes);
    }

    @Override
    public void request(int code) {
        requests.labelValues(Integer.toString(code)).inc();
    }

    @Override
    public void replied(int code) {
        responses.labelValues(Integer.toString(code)).inc();
    }

    @Override
    public void uploadStarted() {
        uploads.inc();
    }

    @Override
    public void uploadEnded() {
        uploads.dec();
    }

    @Override
    public void fileStored(long bytes) {
        filesStored.inc();
        stored.inc(bytes);
    }

    @Override
    public void storeCommitted(long nanos) {
        commits.observe(nanos / 1e9);
    }

    @Override
    public void penaltyImposed() {
        penaltiesImposed.inc();
    }

    @Override
    public void penaltyRefused() {
        penaltyRefusals.inc();
    }

    @Override
    public void versionKept() {
        versionsSaved.inc();
    }

    @Override
    public void sessionFinished(SessionResult result) {
        sessions.labelValues(result.label()).inc();
    }
}
