/**
 * prometheus-metrics-exposition-textformats 1.10.0 (automatic module "io.prometheus.writer.text" by its manifest), for the jlink image: jdeps's
 * descriptor (jdeps --generate-module-info --ignore-missing-deps), checked by hand; the missing
 * javax.annotation.Nullable is a class-file annotation only. The protobuf writer it offers looks for prometheus-metrics-exposition-formats
 * by reflection; that jar is left out (parent pom), so /metrics serves the text formats only.
 */
module io.prometheus.writer.text {
    requires transitive io.prometheus.metrics.config;
    requires transitive io.prometheus.metrics.model;

    exports io.prometheus.metrics.expositionformats;
}
