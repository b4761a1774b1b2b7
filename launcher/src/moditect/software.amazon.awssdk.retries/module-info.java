/**
 * software.amazon.awssdk:retries 2.59.1 (automatic module "software.amazon.awssdk.retries"): jdeps
 * --generate-module-info, made open because the SDK reads resources and reflects on classes in its
 * own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that
 * jlink can link it.
 */
open module software.amazon.awssdk.retries {
    requires transitive software.amazon.awssdk.retries.api;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.retries;
    exports software.amazon.awssdk.retries.internal;
    exports software.amazon.awssdk.retries.internal.circuitbreaker;
    exports software.amazon.awssdk.retries.internal.ratelimiter;

}
