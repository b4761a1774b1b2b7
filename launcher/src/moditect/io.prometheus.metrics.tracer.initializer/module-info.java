/**
 * prometheus-metrics-tracer-initializer 1.10.0 (automatic module "io.prometheus.metrics.tracer.initializer" by its manifest), for the jlink image: jdeps's
 * descriptor (jdeps --generate-module-info --ignore-missing-deps), checked by hand; the missing
 * javax.annotation.Nullable is a class-file annotation only.
 */
module io.prometheus.metrics.tracer.initializer {
    requires io.prometheus.metrics.tracer.otel;
    requires io.prometheus.metrics.tracer.otel_agent;

    requires transitive io.prometheus.metrics.tracer.common;

    exports io.prometheus.metrics.tracer.initializer;
}
