/**
 * Test support, used only by test suites: the real server, its plugins and the MapDB store in a
 * module layer of their own, reached by reflection, so that a suite whose module may not depend
 * on the server (the load tool, the checker, the client) can still run against it. JDK only.
 */
module dropvault.testing.server {
    exports dropvault.testing.server;
}
