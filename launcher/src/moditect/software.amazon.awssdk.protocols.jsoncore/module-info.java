/**
 * software.amazon.awssdk:json-utils 2.59.1 (automatic module
 * "software.amazon.awssdk.protocols.jsoncore"): jdeps --generate-module-info, made open because
 * the SDK reads resources and reflects on classes in its own packages. Compiled into the jar by
 * moditect's add-module-info (launcher/pom.xml) so that jlink can link it.
 */
open module software.amazon.awssdk.protocols.jsoncore {
    requires transitive software.amazon.awssdk.thirdparty.jackson.core;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.protocols.jsoncore;
    exports software.amazon.awssdk.protocols.jsoncore.internal;

}
