/**
 * software.amazon.awssdk:http-client-spi 2.59.1 (automatic module "software.amazon.awssdk.http"):
 * jdeps --generate-module-info, made open because the SDK reads resources and reflects on classes
 * in its own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so
 * that jlink can link it.
 */
open module software.amazon.awssdk.http {
    requires software.amazon.awssdk.annotations;

    requires transitive org.reactivestreams;
    requires transitive software.amazon.awssdk.metrics;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.http;
    exports software.amazon.awssdk.http.async;
    exports software.amazon.awssdk.internal.http;

}
