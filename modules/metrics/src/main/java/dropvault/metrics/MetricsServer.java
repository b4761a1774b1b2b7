package dropvault.metrics;

import com.sun.net.httpserver.HttpExchange;
import dropvault.server.events.ServerStatus;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP side: {@code /metrics} in the Prometheus text format (the Prometheus client's own
 * exporter), {@code /-/healthy} (200 while the process answers) and {@code /-/ready} (200 when the
 * store is open, the disk reserve holds and the listener accepts; 503 naming what is wrong).
 * Anything else is 404.
 */
public final class MetricsServer implements AutoCloseable {
    static final String HEALTHY = "/-/healthy";
    static final String READY = "/-/ready";
    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final HTTPServer http;
    private final InetSocketAddress address;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private MetricsServer(HTTPServer http, InetSocketAddress address) {
        this.http = http;
        this.address = address;
    }

    static MetricsServer start(ServerMetrics metrics, InetSocketAddress bind) throws IOException {
        HTTPServer http = HTTPServer.builder()
                .inetAddress(bind.getAddress())
                .port(bind.getPort())
                .registry(metrics.registry())
                .registerHealthHandler(false)
                .defaultHandler(exchange -> health(exchange, metrics))
                .buildAndStart();
        return new MetricsServer(http, new InetSocketAddress(bind.getAddress(), http.getPort()));
    }

    /**
     * Parses {@code HOST:PORT} as {@code metrics.bind} gives it: HOST an IP address ({@code [::1]:9100}
     * for IPv6) or {@code localhost}, never a name to look up.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static InetSocketAddress parseAddress(String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("metrics.bind must be HOST:PORT, not '" + t + "'");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("metrics.bind has no port in '" + t + "'");
        }
        if (host.equals("localhost")) {
            return new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port);
        }
        boolean ipv4 = IPV4.matcher(host).matches()
                && java.util.Arrays.stream(host.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        if (!ipv4 && !IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException("metrics.bind must name an IP address or localhost, not '" + host + "'");
        }
        try {
            // a literal address: no lookup
            return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("metrics.bind is not an IP address: '" + host + "'", e);
        }
    }

    /** The address it serves on (the real port when port 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    /** Stops serving; idempotent (the shutdown hook and SIGTERM may both call it). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.close();
        }
    }

    private static void health(HttpExchange exchange, ServerMetrics metrics) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                answer(exchange, 405, "GET or HEAD only\n");
            } else if (path.equals(HEALTHY)) {
                answer(exchange, 200, "healthy\n");
            } else if (path.equals(READY)) {
                List<String> wrong = notReady(metrics.currentStatus());
                answer(exchange, wrong.isEmpty() ? 200 : 503,
                        wrong.isEmpty() ? "ready\n" : "not ready: " + String.join(", ", wrong) + "\n");
            } else {
                answer(exchange, 404, "not found: try /metrics, " + HEALTHY + " or " + READY + "\n");
            }
        }
    }

    /** What keeps the server from being ready, in words; empty when it is. */
    static List<String> notReady(ServerStatus s) {
        List<String> wrong = new ArrayList<>();
        if (s == null) {
            wrong.add("the server has not started");
            return wrong;
        }
        if (!s.storeOpen()) {
            wrong.add("the store is not open");
        }
        if (!s.diskReserveHolds()) {
            wrong.add("free disk " + s.diskFreeBytes().orElse(-1) + " bytes is not above the reserve of "
                    + s.diskReserveBytes().orElse(-1) + " bytes");
        }
        if (!s.accepting()) {
            wrong.add("the listener does not accept connections");
        }
        return wrong;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
