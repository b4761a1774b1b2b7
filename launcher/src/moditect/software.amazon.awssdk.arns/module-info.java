/**
 * software.amazon.awssdk:arns 2.59.1 (automatic module "software.amazon.awssdk.arns"): jdeps
 * --generate-module-info, made open because the SDK reads resources and reflects on classes in its
 * own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that
 * jlink can link it.
 */
open module software.amazon.awssdk.arns {
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.arns;

}
