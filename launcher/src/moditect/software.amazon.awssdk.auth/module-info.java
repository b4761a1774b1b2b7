/**
 * software.amazon.awssdk:auth 2.59.1 (automatic module "software.amazon.awssdk.auth"): jdeps
 * --generate-module-info, made open because the SDK reads resources and reflects on classes in its
 * own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that
 * jlink can link it.
 */
open module software.amazon.awssdk.auth {
    requires org.slf4j;
    requires software.amazon.awssdk.eventstream;
    requires software.amazon.awssdk.http.auth;
    requires software.amazon.awssdk.http.auth.aws;
    requires software.amazon.awssdk.protocols.jsoncore;

    requires transitive org.reactivestreams;
    requires transitive software.amazon.awssdk.checksums.spi;
    requires transitive software.amazon.awssdk.core;
    requires transitive software.amazon.awssdk.http;
    requires transitive software.amazon.awssdk.http.auth.spi;
    requires transitive software.amazon.awssdk.identity.spi;
    requires transitive software.amazon.awssdk.profiles;
    requires transitive software.amazon.awssdk.regions;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.auth.credentials;
    exports software.amazon.awssdk.auth.credentials.internal;
    exports software.amazon.awssdk.auth.signer;
    exports software.amazon.awssdk.auth.signer.internal;
    exports software.amazon.awssdk.auth.signer.internal.chunkedencoding;
    exports software.amazon.awssdk.auth.signer.internal.util;
    exports software.amazon.awssdk.auth.signer.params;
    exports software.amazon.awssdk.auth.token.credentials;
    exports software.amazon.awssdk.auth.token.credentials.aws;
    exports software.amazon.awssdk.auth.token.internal;
    exports software.amazon.awssdk.auth.token.signer;
    exports software.amazon.awssdk.auth.token.signer.aws;

}
