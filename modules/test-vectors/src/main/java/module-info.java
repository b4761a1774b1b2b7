/**
 * Test support, used only by test suites: reads the test vectors of this module's
 * src/main/resources/vectors (named by the system property {@code dropvault.vectors}) with
 * Jackson's streaming parser.
 */
module dropvault.testvectors {
    requires com.fasterxml.jackson.core;

    exports dropvault.testvectors;
}
