package dropvault.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TlsProviderTest {
    private static final Supplier<Provider> NATIVE_LIBRARY_MISSING = () -> {
        throw new UnsatisfiedLinkError("no conscrypt_openjdk_jni in java.library.path");
    };

    @Test
    void autoTakesConscryptWhereItLoads() throws Exception {
        TlsProvider p = TlsProvider.choose("auto");
        assertEquals("conscrypt", p.name());
        assertTrue(p.fallback().isEmpty());
        assertEquals("TLSv1.3", p.newContext().getProtocol());
    }

    @Test
    void autoFallsBackToTheJdkSayingWhyWhereConscryptDoesNotLoad() throws Exception {
        TlsProvider p = TlsProvider.choose("auto", NATIVE_LIBRARY_MISSING);
        assertEquals("jdk", p.name());
        assertTrue(p.provider().isEmpty());
        assertTrue(p.fallback().orElseThrow().contains("no conscrypt_openjdk_jni"), p.fallback().orElseThrow());
        assertEquals("SunJSSE", p.newContext().getProvider().getName());
    }

    @Test
    void conscryptAskedForByNameIsAnErrorWhereItDoesNotLoad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsProvider.choose("conscrypt", NATIVE_LIBRARY_MISSING));
        assertTrue(e.getMessage().contains("does not load"), e.getMessage());
    }

    @Test
    void jdkIsTheJdksAndOtherNamesAreRefused() throws Exception {
        assertEquals("SunJSSE", TlsProvider.choose(" JDK ").newContext().getProvider().getName());
        assertThrows(IllegalArgumentException.class, () -> TlsProvider.choose("openssl"));
    }
}
