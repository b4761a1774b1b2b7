/**
 * software.amazon.awssdk:profiles 2.59.1 (automatic module "software.amazon.awssdk.profiles"):
 * jdeps --generate-module-info, made open because the SDK reads resources and reflects on classes
 * in its own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so
 * that jlink can link it.
 */
open module software.amazon.awssdk.profiles {
    requires org.slf4j;

    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.profiles;
    exports software.amazon.awssdk.profiles.internal;

}
