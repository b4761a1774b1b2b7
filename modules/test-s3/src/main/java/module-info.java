/**
 * Test support, used only by test suites: an S3 server on 127.0.0.1 (S3Proxy from Maven Central,
 * its file-system back end in a fresh temporary folder) run with the JDK's {@code java} as a
 * process of its own, as the unprivileged user {@code nobody} when the tests run as root, stopped
 * when the JVM exits.
 */
module dropvault.testing.s3 {
    requires dropvault.testing.support;

    exports dropvault.testing.s3;
}
