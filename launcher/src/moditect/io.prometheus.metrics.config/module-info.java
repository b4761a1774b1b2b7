/**
 * prometheus-metrics-config 1.10.0 (automatic module "io.prometheus.metrics.config" by its manifest), for the jlink image: jdeps's
 * descriptor (jdeps --generate-module-info --ignore-missing-deps), checked by hand; the missing
 * javax.annotation.Nullable is a class-file annotation only.
 */
module io.prometheus.metrics.config {
    exports io.prometheus.metrics.config;
}
