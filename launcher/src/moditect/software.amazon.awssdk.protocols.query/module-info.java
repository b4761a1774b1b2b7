/**
 * software.amazon.awssdk:aws-query-protocol 2.59.1 (automatic module
 * "software.amazon.awssdk.protocols.query"): jdeps --generate-module-info, made open because the
 * SDK reads resources and reflects on classes in its own packages. Compiled into the jar by
 * moditect's add-module-info (launcher/pom.xml) so that jlink can link it.
 */
open module software.amazon.awssdk.protocols.query {
    requires java.xml;
    requires software.amazon.awssdk.metrics;

    requires transitive software.amazon.awssdk.awscore;
    requires transitive software.amazon.awssdk.core;
    requires transitive software.amazon.awssdk.http;
    requires transitive software.amazon.awssdk.protocols.core;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.protocols.query;
    exports software.amazon.awssdk.protocols.query.internal.marshall;
    exports software.amazon.awssdk.protocols.query.internal.unmarshall;
    exports software.amazon.awssdk.protocols.query.unmarshall;

}
