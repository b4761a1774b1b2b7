/**
 * org.reactivestreams:reactive-streams 1.0.4 (automatic module "org.reactivestreams"): jdeps
 * --generate-module-info, made open because the SDK reads resources and reflects on classes in its
 * own packages. Compiled into the jar by moditect's add-module-info (launcher/pom.xml) so that
 * jlink can link it.
 */
open module org.reactivestreams {
    exports org.reactivestreams;

}
