/**
 * software.amazon.awssdk:checksums 2.59.1 (automatic module "software.amazon.awssdk.checksums"):
 * jdeps --generate-module-info, made open because the SDK reads resources and reflects on classes
 * in its own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so
 * that jlink can link it.
 */
open module software.amazon.awssdk.checksums {
    requires transitive software.amazon.awssdk.checksums.spi;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.checksums;
    exports software.amazon.awssdk.checksums.internal;

}
