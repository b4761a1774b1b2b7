/**
 * prometheus-metrics-model 1.10.0 (automatic module "io.prometheus.metrics.model" by its manifest), for the jlink image: jdeps's
 * descriptor (jdeps --generate-module-info --ignore-missing-deps), checked by hand; the missing
 * javax.annotation.Nullable is a class-file annotation only.
 */
module io.prometheus.metrics.model {
    requires transitive io.prometheus.metrics.config;

    exports io.prometheus.metrics.model.registry;
    exports io.prometheus.metrics.model.snapshots;
}
