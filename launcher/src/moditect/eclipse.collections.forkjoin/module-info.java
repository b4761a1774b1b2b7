/**
 * Eclipse Collections fork-join 10.4.0 (automatic module by file name). MapDB's pom pulls it in
 * but no class of MapDB uses it, so the image leaves it out; the descriptor keeps every jar of the
 * link module path a named module.
 * Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that jlink can link it;
 * generated with jdeps --generate-module-info, then checked by hand.
 */
module eclipse.collections.forkjoin {
    requires transitive org.eclipse.collections.api;
    requires transitive org.eclipse.collections.impl;

    exports org.eclipse.collections.impl.forkjoin;
}
