/**
 * Prometheus metrics and health of a dropvault server over HTTP: {@link dropvault.metrics.ServerMetrics}
 * hears the server's events ({@code dropvault.server.events}) and reads its status; the server never
 * depends on this module. Made with the Prometheus Java client (automatic modules: the runtime image
 * gives them descriptors, launcher/src/moditect/).
 */
module dropvault.metrics {
    requires transitive dropvault.server;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.exporter.httpserver;
    requires io.prometheus.metrics.instrumentation.jvm;
    requires io.prometheus.writer.text;
    requires jdk.httpserver;

    exports dropvault.metrics;
}
