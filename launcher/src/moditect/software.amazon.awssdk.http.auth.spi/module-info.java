/**
 * software.amazon.awssdk:http-auth-spi 2.59.1 (automatic module
 * "software.amazon.awssdk.http.auth.spi"): jdeps --generate-module-info, made open because the SDK
 * reads resources and reflects on classes in its own packages. Compiled into the jar by moditect's
 * add-module-info (launcher/pom.xml) so that jlink can link it.
 */
open module software.amazon.awssdk.http.auth.spi {
    requires org.reactivestreams;

    requires transitive software.amazon.awssdk.checksums.spi;
    requires transitive software.amazon.awssdk.http;
    requires transitive software.amazon.awssdk.identity.spi;
    requires transitive software.amazon.awssdk.utils;

    exports software.amazon.awssdk.http.auth.spi.internal.scheme;
    exports software.amazon.awssdk.http.auth.spi.internal.signer;
    exports software.amazon.awssdk.http.auth.spi.scheme;
    exports software.amazon.awssdk.http.auth.spi.signer;

}
