/**
 * prometheus-metrics-tracer-otel-agent 1.10.0 (automatic module "io.prometheus.metrics.tracer.otel_agent" by its manifest), for the jlink image: jdeps's
 * descriptor (jdeps --generate-module-info --ignore-missing-deps), checked by hand; the missing
 * javax.annotation.Nullable is a class-file annotation only. It names the OpenTelemetry agent's classes, absent from the image: the
 * tracer initializer looks for them by reflection and goes without them.
 */
module io.prometheus.metrics.tracer.otel_agent {
    requires transitive io.prometheus.metrics.tracer.common;

    exports io.prometheus.metrics.tracer.agent;
}
