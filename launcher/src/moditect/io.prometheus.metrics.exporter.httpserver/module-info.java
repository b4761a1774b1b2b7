/**
 * prometheus-metrics-exporter-httpserver 1.10.0 (automatic module "io.prometheus.metrics.exporter.httpserver" by its manifest), for the jlink image: jdeps's
 * descriptor (jdeps --generate-module-info --ignore-missing-deps), checked by hand; the missing
 * javax.annotation.Nullable is a class-file annotation only.
 */
module io.prometheus.metrics.exporter.httpserver {
    requires java.logging;

    requires transitive io.prometheus.metrics.config;
    requires transitive io.prometheus.metrics.exporter.common;
    requires transitive io.prometheus.metrics.model;
    requires transitive jdk.httpserver;

    exports io.prometheus.metrics.exporter.httpserver;
}
