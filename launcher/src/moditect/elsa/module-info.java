/**
 * Elsa 3.0.0-M5, MapDB's object serializer (automatic module "elsa" by file name).
 * Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that jlink can link it;
 * generated with jdeps --generate-module-info, then checked by hand.
 */
module elsa {
    requires java.logging;

    exports org.mapdb.elsa;
}
