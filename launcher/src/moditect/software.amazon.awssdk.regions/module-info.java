/**
 * software.amazon.awssdk:regions 2.59.1 (automatic module "software.amazon.awssdk.regions"): jdeps
 * --generate-module-info, made open because the SDK reads resources and reflects on classes in its
 * own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that
 * jlink can link it.
 */
open module software.amazon.awssdk.regions {
    requires org.slf4j;
    requires software.amazon.awssdk.protocols.jsoncore;

    requires transitive software.amazon.awssdk.core;
    requires transitive software.amazon.awssdk.profiles;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.regions;
    exports software.amazon.awssdk.regions.internal;
    exports software.amazon.awssdk.regions.internal.util;
    exports software.amazon.awssdk.regions.partitionmetadata;
    exports software.amazon.awssdk.regions.providers;
    exports software.amazon.awssdk.regions.regionmetadata;
    exports software.amazon.awssdk.regions.servicemetadata;
    exports software.amazon.awssdk.regions.util;

}
