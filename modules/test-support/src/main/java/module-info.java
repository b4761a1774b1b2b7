/**
 * Test support, used only by the modules that start servers for the tests (PostgreSQL, S3Proxy):
 * running as the unprivileged user {@code nobody} when the tests run as root, free loopback ports,
 * a copy made once per machine in the temporary folder, and servers stopped when the JVM exits.
 */
module dropvault.testing.support {
    exports dropvault.testing.support;
}
