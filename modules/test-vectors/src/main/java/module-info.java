/**
 * Test support, used only by test suites: reads the shared test vectors (../shared/vectors, named
 * by the system property {@code dropvault.shared}) with just enough JSON. Uses nothing but the JDK.
 */
module dropvault.testvectors {
    exports dropvault.testvectors;
}
