/**
 * MapDB 3.1.0 (automatic module "mapdb" by file name); jdeps's descriptor plus jdk.unsupported for its
 * cleaner of memory-mapped buffers (sun.misc.Unsafe, looked up by reflection).
 * Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that jlink can link it;
 * generated with jdeps --generate-module-info, then checked by hand.
 */
module mapdb {
    requires jdk.unsupported;
    requires transitive com.google.common;
    requires transitive elsa;
    requires transitive java.logging;
    requires transitive kotlin.stdlib;
    requires transitive lz4;
    requires transitive org.eclipse.collections.api;
    requires transitive org.eclipse.collections.impl;

    exports org.mapdb;
    exports org.mapdb.serializer;
    exports org.mapdb.volume;
}
