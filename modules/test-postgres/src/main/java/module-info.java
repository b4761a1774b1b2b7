/**
 * Test support, used only by test suites: a PostgreSQL server on 127.0.0.1 run from the binaries
 * that Maven Central serves (a {@code .txz} inside a jar, unpacked with the system's {@code tar}),
 * as the unprivileged user {@code nobody} when the tests run as root, stopped when the JVM exits.
 */
module dropvault.testing.postgres {
    requires java.sql;
    requires dropvault.testing.support;

    exports dropvault.testing.postgres;
}
