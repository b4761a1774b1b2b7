/**
 * Conscrypt 2.5.2, conscrypt-openjdk-uber (Automatic-Module-Name org.conscrypt); it ships no
 * META-INF/services, so dropvault.crypto creates its provider with Conscrypt.newProvider().
 * Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that jlink can link it;
 * generated with jdeps --generate-module-info, then checked by hand.
 */
module org.conscrypt {
    requires java.logging;

    exports org.conscrypt;
    exports org.conscrypt.ct;
    exports org.conscrypt.io;
}
