/**
 * software.amazon.awssdk:utils 2.59.1 (automatic module "software.amazon.awssdk.utils"): jdeps
 * --generate-module-info, made open because the SDK reads resources and reflects on classes in its
 * own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that
 * jlink can link it.
 */
open module software.amazon.awssdk.utils {
    requires transitive org.reactivestreams;
    requires transitive org.slf4j;

    exports software.amazon.awssdk.utils;
    exports software.amazon.awssdk.utils.async;
    exports software.amazon.awssdk.utils.builder;
    exports software.amazon.awssdk.utils.cache;
    exports software.amazon.awssdk.utils.cache.bounded;
    exports software.amazon.awssdk.utils.cache.lru;
    exports software.amazon.awssdk.utils.http;
    exports software.amazon.awssdk.utils.internal;
    exports software.amazon.awssdk.utils.internal.async;
    exports software.amazon.awssdk.utils.internal.proxy;
    exports software.amazon.awssdk.utils.io;
    exports software.amazon.awssdk.utils.uri;
    exports software.amazon.awssdk.utils.uri.internal;

}
