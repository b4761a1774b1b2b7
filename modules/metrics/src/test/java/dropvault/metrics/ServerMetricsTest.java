package dropvault.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.server.events.ServerStatus;
import dropvault.server.events.SessionResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {
    private static final ServerStatus READY = new ServerStatus(true, true, 2, 1, OptionalLong.of(5_000),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    @Test
    void eventsBecomeExactlyTheseSamples() {
        ServerMetrics m = new ServerMetrics().status(() -> READY);
        m.connectionOpened();
        m.connectionOpened();
        m.connectionClosed();
        m.request(825);
        m.request(825);
        m.request(828);
        m.replied(1600);
        m.bytesReceived(23 + 255);
        m.bytesReceived(23 + 415);
        m.uploadStarted();
        m.fileStored(1234);
        m.storeCommitted(3_000_000);
        m.sessionFinished(SessionResult.STORED);
        m.sessionFinished(SessionResult.BAD_FRAME);
        m.sessionFinished(SessionResult.BAD_FRAME);
        String s = m.scrape();
        assertLine(s, "dropvault_sessions_total{result=\"stored\"} 1.0");
        assertLine(s, "dropvault_sessions_total{result=\"bad_frame\"} 2.0");
        assertLine(s, "dropvault_sessions_total{result=\"abandoned\"} 0.0");
        assertLine(s, "dropvault_requests_total{code=\"825\"} 2.0");
        assertLine(s, "dropvault_requests_total{code=\"828\"} 1.0");
        assertLine(s, "dropvault_responses_total{code=\"1600\"} 1.0");
        assertLine(s, "dropvault_received_bytes_total 716.0");
        assertLine(s, "dropvault_stored_bytes_total 1234.0");
        assertLine(s, "dropvault_files_stored_total 1.0");
        assertLine(s, "dropvault_connections_open 1.0");
        assertLine(s, "dropvault_uploads_in_flight 1.0");
        assertLine(s, "dropvault_store_commit_seconds_bucket{le=\"0.0025\"} 0");
        assertLine(s, "dropvault_store_commit_seconds_bucket{le=\"0.005\"} 1");
        assertLine(s, "dropvault_store_commit_seconds_count 1");
        assertLine(s, "dropvault_ready 1.0");
        assertLine(s, "dropvault_disk_free_bytes 5000.0");
        assertTrue(s.contains("\njvm_memory_used_bytes{"), "the JVM's own metrics are there");
        assertFalse(s.contains("dropvault_penalties_active "), "no sample for what this server does not track");
    }

    @Test
    void healthAndReadinessOverHttp() throws Exception {
        AtomicReference<ServerStatus> status = new AtomicReference<>(READY);
        ServerMetrics m = new ServerMetrics().status(status::get);
        m.sessionFinished(SessionResult.CLOSED);
        try (MetricsServer http = m.serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertEquals(InetAddress.getLoopbackAddress(), http.address().getAddress());
            Answer metrics = get(http, "/metrics");
            assertEquals(200, metrics.status());
            assertLine(metrics.body(), "dropvault_sessions_total{result=\"closed\"} 1.0");
            assertEquals(new Answer(200, "healthy\n"), get(http, "/-/healthy"));
            assertEquals(new Answer(200, "ready\n"), get(http, "/-/ready"));

            status.set(new ServerStatus(false, false, 0, 0, OptionalLong.of(10), OptionalLong.of(100),
                    OptionalLong.of(3), OptionalLong.of(7)));
            Answer notReady = get(http, "/-/ready");
            assertEquals(503, notReady.status());
            assertEquals("not ready: the store is not open, free disk 10 bytes is not above the reserve of 100 bytes,"
                    + " the listener does not accept connections\n", notReady.body());
            assertEquals(200, get(http, "/-/healthy").status());
            assertLine(get(http, "/metrics").body(), "dropvault_ready 0.0");
            assertLine(get(http, "/metrics").body(), "dropvault_penalties_active 3.0");
            assertLine(get(http, "/metrics").body(), "dropvault_versions_kept 7.0");
            assertEquals(404, get(http, "/elsewhere").status());
        }
    }

    @Test
    void metricsBindIsHostColonPort() {
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9100),
                MetricsServer.parseAddress("127.0.0.1:9100"));
        assertEquals(9101, MetricsServer.parseAddress("[::1]:9101").getPort());
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.parseAddress("127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.parseAddress("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.parseAddress(":9100"));
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.parseAddress("127.0.0.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.parseAddress("metrics.example:9100"));
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.parseAddress("256.1.1.1:9100"));
        assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9102),
                MetricsServer.parseAddress("localhost:9102"));
    }

    static void assertLine(String scrape, String line) {
        assertTrue(("\n" + scrape).contains("\n" + line + "\n"), () -> "no line '" + line + "' in\n" + scrape);
    }

    record Answer(int status, String body) {
    }

    static Answer get(MetricsServer http, String path) throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + http.address().getPort() + path);
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        try {
            int status = c.getResponseCode();
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, body);
        } finally {
            c.disconnect();
        }
    }
}
