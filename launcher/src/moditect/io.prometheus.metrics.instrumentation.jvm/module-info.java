/**
 * prometheus-metrics-instrumentation-jvm 1.10.0 (automatic module "io.prometheus.metrics.instrumentation.jvm" by its manifest), for the jlink image: jdeps's
 * descriptor (jdeps --generate-module-info --ignore-missing-deps), checked by hand; the missing
 * javax.annotation.Nullable is a class-file annotation only.
 */
module io.prometheus.metrics.instrumentation.jvm {
    requires io.prometheus.metrics.core;
    requires java.management;
    requires jdk.management;

    requires transitive io.prometheus.metrics.config;
    requires transitive io.prometheus.metrics.model;

    exports io.prometheus.metrics.instrumentation.jvm;
}
