/**
 * lz4 1.3.0 (automatic module "lz4" by file name); it loads a native library and reads sun.misc.Unsafe.
 * Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that jlink can link it;
 * generated with jdeps --generate-module-info, then checked by hand.
 */
module lz4 {
    requires jdk.unsupported;

    exports net.jpountz.lz4;
    exports net.jpountz.util;
    exports net.jpountz.xxhash;
}
