package dropvault.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.cryptoprobe.ProviderProbe;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProvidersTest {

    @Test
    void theOptionalProviderModulesAreResolvedForTheseTests() {
        for (String module : List.of("org.bouncycastle.provider", "org.conscrypt")) {
            assertTrue(ModuleLayer.boot().findModule(module).isPresent(),
                    module + " must be resolved: surefire's argLine adds it with --add-modules");
            assertTrue(CryptoSuite.class.getModule().canRead(ModuleLayer.boot().findModule(module).orElseThrow()));
        }
    }

    @Test
    void everyNamedProviderIsAvailableHere() {
        for (String name : CryptoSuites.PROVIDERS) {
            assertEquals(name, CryptoSuites.forName(name).providerName());
        }
        assertEquals("jdk", CryptoSuites.jdk().providerName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"libressl", "JDK", "", "bc"})
    void anUnknownNameIsRefusedByName(String name) {
        CryptoProviderUnavailableException e =
                assertThrows(CryptoProviderUnavailableException.class, () -> CryptoSuites.forName(name));
        assertEquals(name, e.provider());
        assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains("conscrypt"), e.getMessage());
    }

    @Test
    void noNameIsRefused() {
        assertThrows(CryptoProviderUnavailableException.class, () -> CryptoSuites.forName(null));
    }

    /** A JVM with this module alone on its module path: Bouncy Castle and Conscrypt are absent. */
    @Test
    void aProviderWhoseModuleIsAbsentIsReportedByName() throws IOException, InterruptedException, URISyntaxException {
        String out = probe(List.of(), "bouncycastle", "conscrypt", "jdk", "openssl");
        assertTrue(out.contains("bouncycastle: unavailable: bouncycastle: crypto provider 'bouncycastle' is not available: "
                + "module org.bouncycastle.provider"), out);
        assertTrue(out.contains("conscrypt: unavailable: conscrypt: crypto provider 'conscrypt' is not available: "
                + "module org.conscrypt"), out);
        assertTrue(out.contains("jdk: available"), out);
        assertTrue(out.contains("openssl: available"), out);
    }

    /** Where native access is denied, the OpenSSL suite says so, by name, and the others still load. */
    @Test
    void openSslWithoutNativeAccessIsReportedByName() throws IOException, InterruptedException, URISyntaxException {
        String out = probe(List.of("--illegal-native-access=deny"), "openssl", "openssl", "jdk");
        String refused = "openssl: unavailable: openssl: crypto provider 'openssl' is not available: "
                + "native access is not enabled for module dropvault.crypto";
        assertEquals(2, out.split(Pattern.quote(refused), -1).length - 1, "asked twice, told twice: " + out);
        assertTrue(out.contains("jdk: available"), out);
    }

    /** What {@link ProviderProbe} prints of {@code providers} in a JVM of its own, with this module alone. */
    private static String probe(List<String> jvmOptions, String... providers)
            throws IOException, InterruptedException, URISyntaxException {
        Path classes = Path.of(CryptoSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path probe = Path.of(ProviderProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("--module-path", classes.toString(), "--add-modules", "dropvault.crypto",
                "-cp", probe.toString(), ProviderProbe.class.getName()));
        command.addAll(List.of(providers));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM ended");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
