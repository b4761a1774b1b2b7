package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.metrics.MetricsServer;
import dropvault.metrics.ServerMetrics;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.Thanks;
import dropvault.server.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A known set of sessions against the real server, then one scrape of /metrics shows exactly those counts. */
class MetricsTest {
    private static final Pattern SESSIONS = Pattern.compile("(?m)^dropvault_sessions_total\\{[^}]*} (\\S+)$");

    @TempDir
    Path data;

    @Test
    void aScrapeCountsExactlyTheSessionsThatRan() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        try (Server server = Server.builder(TestServer.config(data)).events(metrics).start();
             MetricsServer http = metrics.status(server::status)
                     .serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress address = server.address();
            byte[] plain = Peer.randomBytes(17, 5000);
            // stored: 825, 826, 828 x5, 900
            try (TestClient c = new TestClient(address)) {
                Peer.Identity who = Peer.register(c, "metrics stored");
                Peer.upload(c, who, "kept.bin", plain, Peer.Dialect.STANDARD);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.MATCHED, NameField.utf8("kept.bin")));
                c.expect(Thanks.class);
            }
            // abandoned: 825, 826, 828 x3, 902
            try (TestClient c = new TestClient(address)) {
                Peer.Identity who = Peer.register(c, "metrics abandoned");
                Peer.upload(c, who, "gone.bin", Peer.randomBytes(18, 3000), Peer.Dialect.STANDARD);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.ABORT, NameField.utf8("gone.bin")));
                c.expect(Thanks.class);
            }
            // refused: a packet from a client that never exchanged a key (828)
            try (TestClient c = new TestClient(address)) {
                c.send(ClientId.ZERO, new FilePacket(16, 1, 1, 1, NameField.utf8("f.bin"), new byte[16]));
                c.expectErrorAndClose();
            }
            // bad frame: a request code nobody serves
            try (TestClient c = new TestClient(address)) {
                c.sendRaw(header(999, 0));
                c.expectErrorAndClose();
            }
            // dropped: 825, 826, the first of three packets (828), then the connection ends
            try (TestClient c = new TestClient(address)) {
                Peer.Identity who = Peer.register(c, "metrics dropped");
                List<FilePacket> packets = Peer.packets(who, NameField.utf8("half.bin"), Peer.randomBytes(19, 3000),
                        Peer.Dialect.STANDARD);
                c.send(who.id(), packets.getFirst());
            }
            // closed: a registration only (825, 826)
            try (TestClient c = new TestClient(address)) {
                Peer.register(c, "metrics closed");
            }

            Await.until("six sessions counted", () -> sessions(metrics.scrape()) == 6);
            String scrape = get(http, "/metrics");
            for (String line : List.of(
                    "dropvault_sessions_total{result=\"stored\"} 1.0",
                    "dropvault_sessions_total{result=\"abandoned\"} 1.0",
                    "dropvault_sessions_total{result=\"refused\"} 1.0",
                    "dropvault_sessions_total{result=\"bad_frame\"} 1.0",
                    "dropvault_sessions_total{result=\"dropped\"} 1.0",
                    "dropvault_sessions_total{result=\"closed\"} 1.0",
                    "dropvault_sessions_total{result=\"resend\"} 0.0",
                    "dropvault_requests_total{code=\"825\"} 4.0",
                    "dropvault_requests_total{code=\"826\"} 4.0",
                    "dropvault_requests_total{code=\"828\"} 10.0",
                    "dropvault_requests_total{code=\"900\"} 1.0",
                    "dropvault_requests_total{code=\"902\"} 1.0",
                    "dropvault_responses_total{code=\"1600\"} 4.0",
                    "dropvault_responses_total{code=\"1602\"} 4.0",
                    "dropvault_responses_total{code=\"1603\"} 2.0",
                    "dropvault_responses_total{code=\"1604\"} 2.0",
                    "dropvault_responses_total{code=\"1607\"} 2.0",
                    "dropvault_stored_bytes_total 5000.0",
                    "dropvault_files_stored_total 1.0",
                    "dropvault_connections_open 0.0",
                    "dropvault_uploads_in_flight 0.0",
                    "dropvault_ready 1.0")) {
                assertTrue(("\n" + scrape).contains("\n" + line + "\n"), () -> "no line '" + line + "' in\n" + scrape);
            }
            assertTrue(scrape.contains("\ndropvault_store_commit_seconds_count "), scrape);
            assertTrue(scrape.contains("\njvm_threads_current "), scrape);
            assertEquals(6, sessions(scrape));
            assertEquals("ready\n", get(http, "/-/ready"));

            server.stop(Duration.ofSeconds(5));
            assertTrue(get(http, "/-/ready").startsWith("not ready: the store is not open"));
            assertEquals("healthy\n", get(http, "/-/healthy"));
        }
    }

    /** The sum of every dropvault_sessions_total sample. */
    private static long sessions(String scrape) {
        Matcher m = SESSIONS.matcher(scrape);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return (long) sum;
    }

    private static byte[] header(int code, long payloadSize) {
        return ByteBuffer.allocate(23).order(java.nio.ByteOrder.LITTLE_ENDIAN).put(new byte[16]).put((byte) 3)
                .putShort((short) code).putInt((int) payloadSize).array();
    }

    private static String get(MetricsServer http, String path) throws IOException {
        URI uri = URI.create("http://127.0.0.1:" + http.address().getPort() + path);
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(30_000);
        try {
            var in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream();
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }
}
