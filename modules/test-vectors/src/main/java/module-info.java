/**
 * Test support, used only by test suites: reads the test vectors of this module's
 * src/main/resources/vectors (named by the system property {@code dropvault.vectors}) with just
 * enough JSON. Uses nothing but the JDK.
 */
module dropvault.testvectors {
    exports dropvault.testvectors;
}
