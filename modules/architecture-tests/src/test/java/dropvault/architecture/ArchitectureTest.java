package dropvault.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import dropvault.admin.archfixture.AdminUsesServer;
import dropvault.bench.archfixture.LoadToolUsesServer;
import dropvault.cli.archfixture.CliUsesProtocol;
import dropvault.benchmarks.archfixture.BenchmarkUsesStore;
import dropvault.check.archfixture.CheckerUsesStore;
import dropvault.client.archfixture.ClientUsesCryptoInternals;
import dropvault.client.archfixture.ClientUsesStore;
import dropvault.crypto.archfixture.CryptoUsesStorage;
import dropvault.files.s3.archfixture.ObjectStoreUsesServer;
import dropvault.launcher.archfixture.LauncherUsesMapDbStore;
import dropvault.launcher.archfixture.LauncherUsesPostgresStore;
import dropvault.plugin.archfixture.PluginUsesRegisterPlugin;
import dropvault.plugin.archfixture.PluginUsesServerCore;
import dropvault.protocol.archfixture.CycleA;
import dropvault.protocol.archfixture.ProtocolUsesServer;
import dropvault.metrics.archfixture.MetricsUsesStore;
import dropvault.server.archfixture.ServerUsesClient;
import dropvault.server.archfixture.ServerUsesMetrics;
import dropvault.storage.archfixture.StorageUsesCrypto;
import dropvault.storage.mapdb.archfixture.MapDbUsesServer;
import dropvault.storage.postgresql.archfixture.PostgresUsesServer;
import dropvault.transport.archfixture.CycleB;
import dropvault.transport.archfixture.TransportUsesCrypto;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every rule of {@link ArchitectureRules} over the production classes of all modules, and
 * proves each rule able to fail. Every test here is an ArchUnit test: if the ArchUnit engine were
 * skipped, this module would run no test and Surefire's failIfNoTests would fail the build.
 */
@AnalyzeClasses(packages = "dropvault", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests RULES = ArchTests.in(ArchitectureRules.class);

    /** A class of the test fixtures that breaks each rule (with what it depends on, where a rule needs both). */
    private static final Map<ArchRule, List<Class<?>>> BREAKERS = breakers();

    private static Map<ArchRule, List<Class<?>>> breakers() {
        Map<ArchRule, List<Class<?>>> m = new IdentityHashMap<>();
        m.put(ArchitectureRules.PROTOCOL_USES_ONLY_THE_JDK, List.of(ProtocolUsesServer.class));
        m.put(ArchitectureRules.CRYPTO_USES_ONLY_THE_JDK_AND_ITS_PROVIDERS, List.of(CryptoUsesStorage.class));
        m.put(ArchitectureRules.STORAGE_USES_ONLY_PROTOCOL, List.of(StorageUsesCrypto.class));
        m.put(ArchitectureRules.RETRIEVAL_USES_ONLY_PROTOCOL,
                List.of(dropvault.retrieval.archfixture.RetrievalUsesServer.class));
        m.put(ArchitectureRules.RETRIEVAL_SERVER_USES_ONLY_THE_SPI,
                List.of(dropvault.retrieval.server.archfixture.RetrievalServerUsesServerCore.class));
        m.put(ArchitectureRules.STORAGE_MAPDB_USES_ONLY_STORAGE_AND_MAPDB, List.of(MapDbUsesServer.class));
        m.put(ArchitectureRules.STORAGE_POSTGRESQL_USES_ONLY_STORAGE_AND_JDBC, List.of(PostgresUsesServer.class));
        m.put(ArchitectureRules.FILES_S3_USES_ONLY_THE_S3_CLIENT, List.of(ObjectStoreUsesServer.class));
        m.put(ArchitectureRules.TRANSPORT_USES_ONLY_PROTOCOL, List.of(TransportUsesCrypto.class));
        m.put(ArchitectureRules.TLS_USES_ONLY_THE_JDK_AND_ITS_LIBRARIES,
                List.of(dropvault.tls.archfixture.TlsUsesProtocol.class));
        m.put(ArchitectureRules.ONLY_LISTENERS_CLIENTS_AND_TOOLS_USE_TLS,
                List.of(dropvault.plugin.archfixture.PluginUsesTls.class));
        m.put(ArchitectureRules.SERVER_USES_ONLY_ITS_LOWER_LAYERS, List.of(ServerUsesClient.class));
        m.put(ArchitectureRules.METRICS_USES_ONLY_THE_SERVER_API_AND_PROMETHEUS,
                List.of(MetricsUsesStore.class));
        m.put(ArchitectureRules.ONLY_THE_LAUNCHER_USES_METRICS, List.of(ServerUsesMetrics.class));
        m.put(ArchitectureRules.PLUGINS_USE_ONLY_THE_SPI_AND_LOWER_LAYERS, List.of(PluginUsesServerCore.class));
        m.put(ArchitectureRules.NO_PLUGIN_USES_ANOTHER_PLUGIN,
                List.of(PluginUsesRegisterPlugin.class, dropvault.plugin.register.RegisterHandler.class));
        m.put(ArchitectureRules.CLIENT_USES_ONLY_PROTOCOL_CRYPTO_TRANSPORT_AND_CLI, List.of(ClientUsesStore.class));
        m.put(ArchitectureRules.CLIENT_NEVER_TOUCHES_SERVER_OR_STORAGE, List.of(ClientUsesStore.class));
        m.put(ArchitectureRules.LOAD_TOOL_SPEAKS_ONLY_THE_PROTOCOL, List.of(LoadToolUsesServer.class));
        m.put(ArchitectureRules.ADMIN_WORKS_THROUGH_THE_STORE_SPI, List.of(AdminUsesServer.class));
        m.put(ArchitectureRules.CLI_HELPERS_USE_ONLY_COMMONS_CLI, List.of(CliUsesProtocol.class));
        m.put(ArchitectureRules.CHECKER_SPEAKS_ONLY_THE_PROTOCOL, List.of(CheckerUsesStore.class));
        m.put(ArchitectureRules.BENCHMARKS_MEASURE_ONLY_PUBLIC_API, List.of(BenchmarkUsesStore.class));
        m.put(ArchitectureRules.NOTHING_USES_ANOTHER_MODULES_INTERNALS, List.of(ClientUsesCryptoInternals.class));
        m.put(ArchitectureRules.MAPDB_STORE_REACHED_ONLY_THROUGH_SERVICE_LOADER,
                List.of(LauncherUsesMapDbStore.class));
        m.put(ArchitectureRules.POSTGRESQL_STORE_REACHED_ONLY_THROUGH_SERVICE_LOADER,
                List.of(LauncherUsesPostgresStore.class));
        m.put(ArchitectureRules.MODULES_ARE_FREE_OF_CYCLES, List.of(CycleA.class, CycleB.class));
        return m;
    }

    @ArchTest
    void everyRuleHasAFixtureThatBreaksIt(JavaClasses production) {
        List<ArchRule> rules = ruleConstants();
        assertTrue(rules.size() >= 18, "expected the 18 rules of DESIGN.md, found " + rules.size());
        List<String> untested = rules.stream().filter(r -> !BREAKERS.containsKey(r)).map(ArchRule::getDescription).toList();
        assertEquals(List.of(), untested, "rules without a fixture that breaks them");
    }

    @ArchTest
    void everyRuleFailsOnItsFixture(JavaClasses production) {
        List<String> passedWrongly = new ArrayList<>();
        BREAKERS.forEach((rule, fixture) -> {
            JavaClasses classes = new ClassFileImporter().importClasses(fixture.toArray(Class<?>[]::new));
            if (!rule.evaluate(classes).hasViolation()) {
                passedWrongly.add(rule.getDescription());
            }
        });
        assertEquals(List.of(), passedWrongly, "rules that did not fail on the fixture built to break them");
    }

    @ArchTest
    void aRuleOverAModuleWithNoClassesFails(JavaClasses production) {
        ArchRule typo = ArchitectureRules.mayOnlyUse("dropvault.protocoll", Set.of());
        AssertionError failure = assertThrows(AssertionError.class, () -> typo.check(production),
                "a rule over an empty module passed vacuously");
        assertTrue(failure.getMessage().contains("failed to check any classes"), failure.getMessage());
    }

    @ArchTest
    void everyModuleOfTheTableHoldsClasses(JavaClasses production) {
        Set<String> seen = production.stream().map(Modules::moduleOf).flatMap(java.util.Optional::stream)
                .collect(Collectors.toSet());
        List<String> empty = Modules.ROOTS.stream().filter(r -> !seen.contains(r)).toList();
        assertEquals(List.of(), empty, "modules of DESIGN.md with no classes in the analysed code");
        assertTrue(production.stream().noneMatch(c -> c.getPackageName().contains(".archfixture")),
                "the fixtures leaked into the production classes");
    }

    private static List<ArchRule> ruleConstants() {
        return Arrays.stream(ArchitectureRules.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && ArchRule.class.isAssignableFrom(f.getType()))
                .map(ArchitectureTest::read).toList();
    }

    private static ArchRule read(Field f) {
        try {
            f.setAccessible(true);
            return (ArchRule) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
