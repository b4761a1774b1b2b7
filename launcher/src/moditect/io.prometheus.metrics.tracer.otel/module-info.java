/**
 * prometheus-metrics-tracer-otel 1.10.0 (automatic module "io.prometheus.metrics.tracer.otel" by its manifest), for the jlink image: jdeps's
 * descriptor (jdeps --generate-module-info --ignore-missing-deps), checked by hand; the missing
 * javax.annotation.Nullable is a class-file annotation only. It names OpenTelemetry's API, which the image does not hold: the
 * tracer initializer looks for it by reflection and goes without it.
 */
module io.prometheus.metrics.tracer.otel {
    requires transitive io.prometheus.metrics.tracer.common;

    exports io.prometheus.metrics.tracer.otel;
}
