/**
 * software.amazon.awssdk:http-auth 2.59.1 (automatic module "software.amazon.awssdk.http.auth"):
 * jdeps --generate-module-info, made open because the SDK reads resources and reflects on classes
 * in its own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so
 * that jlink can link it.
 */
open module software.amazon.awssdk.http.auth {
    requires org.reactivestreams;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.utils;

    requires transitive software.amazon.awssdk.http.auth.spi;
    requires transitive software.amazon.awssdk.identity.spi;

    exports software.amazon.awssdk.http.auth.internal.scheme;
    exports software.amazon.awssdk.http.auth.internal.signer;
    exports software.amazon.awssdk.http.auth.scheme;
    exports software.amazon.awssdk.http.auth.signer;

}
