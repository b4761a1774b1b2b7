package dropvault.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;

/**
 * The dependency table of DESIGN.md, one named rule a line, plus the rules no table can say
 * (plugins independent, internals private, no cycles, the stores only through ServiceLoader).
 */
final class ArchitectureRules {

    @ArchTest
    static final ArchRule PROTOCOL_USES_ONLY_THE_JDK = mayOnlyUse(Modules.PROTOCOL, Set.of())
            .because("the codec is the contract with every other implementation and must stand alone");

    @ArchTest
    static final ArchRule CRYPTO_USES_ONLY_THE_JDK_AND_ITS_PROVIDERS =
            mayOnlyUse(Modules.CRYPTO, Set.of(), "org.bouncycastle..", "org.conscrypt..")
                    .because("crypto offers what the protocol needs from a JCA provider, and nothing of dropvault");

    @ArchTest
    static final ArchRule RETRIEVAL_USES_ONLY_PROTOCOL = mayOnlyUse(Modules.RETRIEVAL, Set.of(Modules.PROTOCOL))
            .because("the retrieval extension's messages are shared by the plugins, the client and the checker");

    @ArchTest
    static final ArchRule RETRIEVAL_SERVER_USES_ONLY_THE_SPI = mayOnlyUse(Modules.RETRIEVAL_SERVER,
            Set.of(Modules.RETRIEVAL, Modules.SERVER_SPI, Modules.PROTOCOL, Modules.CRYPTO, Modules.STORAGE))
            .because("what the retrieval plugins share works through the SPI only, as they do");

    @ArchTest
    static final ArchRule STORAGE_USES_ONLY_PROTOCOL = mayOnlyUse(Modules.STORAGE, Set.of(Modules.PROTOCOL))
            .because("the Store SPI speaks of ids and names, and must not tie stores to a server or a database");

    @ArchTest
    static final ArchRule STORAGE_MAPDB_USES_ONLY_STORAGE_AND_MAPDB =
            mayOnlyUse(Modules.STORAGE_MAPDB, Set.of(Modules.STORAGE, Modules.PROTOCOL),
                    "org.mapdb..", "kotlin..", "org.eclipse.collections..", "com.google.common..", "net.jpountz..")
                    .because("a store implementation knows its SPI and its database, nothing else");

    @ArchTest
    static final ArchRule STORAGE_POSTGRESQL_USES_ONLY_STORAGE_AND_JDBC =
            mayOnlyUse(Modules.STORAGE_POSTGRESQL, Set.of(Modules.STORAGE, Modules.PROTOCOL),
                    "com.zaxxer.hikari..", "org.postgresql..")
                    .because("a store implementation knows its SPI and its database, nothing else");

    @ArchTest
    static final ArchRule FILES_S3_USES_ONLY_THE_S3_CLIENT = mayOnlyUse(Modules.FILES_S3,
            Set.of(Modules.STORAGE, Modules.PROTOCOL), "software.amazon.awssdk..")
            .because("the object layer keeps file bytes in S3 and serves the server and the admin tool as a file area"
                    + " through the file-area SPI, knowing no server code");

    @ArchTest
    static final ArchRule TRANSPORT_USES_ONLY_PROTOCOL = mayOnlyUse(Modules.TRANSPORT, Set.of(Modules.PROTOCOL))
            .because("transport moves bytes for both the server and the client");

    @ArchTest
    static final ArchRule TLS_USES_ONLY_THE_JDK_AND_ITS_LIBRARIES = mayOnlyUse(Modules.TLS, Set.of(), "org.bouncycastle..",
            "org.conscrypt..")
            .because("TLS wraps the protocol's bytes without knowing them; Conscrypt speaks it, Bouncy Castle makes"
                    + " certificates and reads PEM, and transport layers it over sockets with the JDK's javax.net.ssl only");

    @ArchTest
    static final ArchRule ONLY_LISTENERS_CLIENTS_AND_TOOLS_USE_TLS = noClasses()
            .that(DescribedPredicate.not(Modules.inModules(Set.of(Modules.TLS, Modules.SERVER, Modules.CLIENT,
                    Modules.BENCH, Modules.CHECK, Modules.LAUNCHER))))
            .should().dependOnClassesThat(Modules.inModule(Modules.TLS))
            .because("TLS is around the protocol, not in it: a handler plugin, the protocol, the stores and the crypto"
                    + " of PROTOCOL.md see the same decrypted stream whether a connection came in plain or in TLS");

    @ArchTest
    static final ArchRule SERVER_USES_ONLY_ITS_LOWER_LAYERS = mayOnlyUse(Modules.SERVER,
            Set.of(Modules.PROTOCOL, Modules.CRYPTO, Modules.STORAGE, Modules.TRANSPORT, Modules.TLS),
            "com.fasterxml.jackson.core..")
            .because("handlers and stores reach the server through ServiceLoader, never the other way round");

    @ArchTest
    static final ArchRule METRICS_USES_ONLY_THE_SERVER_API_AND_PROMETHEUS = mayOnlyUse(Modules.METRICS,
            Set.of(Modules.SERVER, Modules.PROTOCOL), "io.prometheus..", "com.sun.net.httpserver..")
            .because("metrics hear the server's events and read its status, through its exported API only");

    @ArchTest
    static final ArchRule ONLY_THE_LAUNCHER_USES_METRICS = noClasses()
            .that(DescribedPredicate.not(Modules.inModules(Set.of(Modules.METRICS, Modules.LAUNCHER))))
            .should().dependOnClassesThat(Modules.inModule(Modules.METRICS))
            .because("the server publishes what happens through dropvault.server.events and never depends on"
                    + " who listens; the launcher wires the two");

    @ArchTest
    static final ArchRule PLUGINS_USE_ONLY_THE_SPI_AND_LOWER_LAYERS = classes().that(Modules.inAnyPlugin())
            .should().onlyDependOnClassesThat(allowed(Modules.inAnyPlugin(),
                    Set.of(Modules.SERVER_SPI, Modules.PROTOCOL, Modules.CRYPTO, Modules.STORAGE, Modules.RETRIEVAL,
                            Modules.RETRIEVAL_SERVER), "com.sun.nio.file.."))
            .because("a handler plugin works through the SPI only, so it can be dropped in without a rebuild"
                    + " (com.sun.nio.file.ExtendedOpenOption: the upload plugin writes files with direct I/O)");

    @ArchTest
    static final ArchRule NO_PLUGIN_USES_ANOTHER_PLUGIN = slices().matching(Modules.PLUGINS + ".(*)..")
            .should().notDependOnEachOther()
            .because("plugins are independent: any one can be removed or replaced");

    @ArchTest
    static final ArchRule CLIENT_USES_ONLY_PROTOCOL_CRYPTO_TRANSPORT_AND_CLI = mayOnlyUse(Modules.CLIENT,
            Set.of(Modules.PROTOCOL, Modules.CRYPTO, Modules.RETRIEVAL, Modules.TRANSPORT, Modules.TLS, Modules.CLI),
            "org.apache.commons.cli..")
            .because("the client must work against any server, so it never touches server or storage code");

    @ArchTest
    static final ArchRule CLIENT_NEVER_TOUCHES_SERVER_OR_STORAGE = noClasses().that(Modules.inModule(Modules.CLIENT))
            .should().dependOnClassesThat(Modules.inModules(Set.of(Modules.SERVER, Modules.STORAGE,
                    Modules.STORAGE_MAPDB, Modules.STORAGE_POSTGRESQL))
                    .or(Modules.inAnyPlugin()))
            .because("the client ships alone and must not carry the server's assumptions");

    @ArchTest
    static final ArchRule LOAD_TOOL_SPEAKS_ONLY_THE_PROTOCOL = mayOnlyUse(Modules.BENCH,
            Set.of(Modules.PROTOCOL, Modules.CRYPTO, Modules.TRANSPORT, Modules.TLS, Modules.CLI),
            "org.apache.commons.cli..")
            .because("dropvault-bench drives any server that speaks the protocol, so it knows no server code");

    @ArchTest
    static final ArchRule ADMIN_WORKS_THROUGH_THE_STORE_SPI = mayOnlyUse(Modules.ADMIN,
            Set.of(Modules.STORAGE, Modules.PROTOCOL, Modules.CRYPTO, Modules.CLI), "org.apache.commons.cli..",
            "com.fasterxml.jackson.core..")
            .because("dropvault-admin works on any store through its SPI, found with ServiceLoader, never through"
                    + " server code or a store's implementation");

    @ArchTest
    static final ArchRule CLI_HELPERS_USE_ONLY_COMMONS_CLI = mayOnlyUse(Modules.CLI, Set.of(), "org.apache.commons.cli..",
            "sun.misc..")
            .because("every command line shares them, the client's and the load tool's too, which know no server"
                    + " (sun.misc.Signal: the progress line follows a resized terminal)");

    @ArchTest
    static final ArchRule CHECKER_SPEAKS_ONLY_THE_PROTOCOL = mayOnlyUse(Modules.CHECK,
            Set.of(Modules.PROTOCOL, Modules.CRYPTO, Modules.RETRIEVAL, Modules.TLS, Modules.CLI),
            "org.apache.commons.cli..", "com.fasterxml.jackson.core..")
            .because("dropvault-check judges any server or client, so it knows no server, storage or client code");

    @ArchTest
    static final ArchRule BENCHMARKS_MEASURE_ONLY_PUBLIC_API = mayOnlyUse(Modules.BENCHMARKS,
            Set.of(Modules.PROTOCOL, Modules.CRYPTO), "org.openjdk.jmh..")
            .because("a micro-benchmark measures what callers get, through the exported API");

    @ArchTest
    static final ArchRule NOTHING_USES_ANOTHER_MODULES_INTERNALS = classes()
            .that(describe("in a dropvault module", (JavaClass c) -> Modules.moduleOf(c).isPresent()))
            .should(notUseInternalsOfAnotherModule())
            .because(".internal packages are not exported: their types may change at any time");

    @ArchTest
    static final ArchRule MAPDB_STORE_REACHED_ONLY_THROUGH_SERVICE_LOADER = noClasses()
            .that(DescribedPredicate.not(Modules.inModule(Modules.STORAGE_MAPDB)))
            .should().dependOnClassesThat(Modules.inModule(Modules.STORAGE_MAPDB))
            .because("the store is chosen by configuration; a second Store must need no change elsewhere");

    @ArchTest
    static final ArchRule POSTGRESQL_STORE_REACHED_ONLY_THROUGH_SERVICE_LOADER = noClasses()
            .that(DescribedPredicate.not(Modules.inModule(Modules.STORAGE_POSTGRESQL)))
            .should().dependOnClassesThat(Modules.inModule(Modules.STORAGE_POSTGRESQL))
            .because("the store is chosen by configuration: store.provider=postgresql needs no code that names it");

    @ArchTest
    static final ArchRule MODULES_ARE_FREE_OF_CYCLES = slices().assignedFrom(byModule())
            .should().beFreeOfCycles()
            .because("JPMS forbids cyclic requires, and a cycle between packages of two modules is one in waiting");

    private ArchitectureRules() {
    }

    /** Classes of {@code root} may use only their own module, {@code modules}, the JDK and {@code packages}. */
    static ArchRule mayOnlyUse(String root, Set<String> modules, String... packages) {
        return classes().that(Modules.inModule(root))
                .should().onlyDependOnClassesThat(allowed(Modules.inModule(root), modules, packages));
    }

    private static DescribedPredicate<JavaClass> allowed(DescribedPredicate<JavaClass> own, Set<String> modules,
                                                         String... packages) {
        DescribedPredicate<JavaClass> p = own.or(resideInAnyPackage(Modules.JDK))
                .or(describe("primitive or array", (JavaClass c) -> c.isPrimitive() || c.isArray()));
        if (!modules.isEmpty()) {
            p = p.or(Modules.inModules(modules));
        }
        return packages.length == 0 ? p : p.or(resideInAnyPackage(packages));
    }

    private static ArchCondition<JavaClass> notUseInternalsOfAnotherModule() {
        return new ArchCondition<>("not use the .internal packages of another module") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String from = Modules.moduleOf(origin).orElse("");
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    String to = Modules.moduleOf(target).orElse(null);
                    if (to != null && !to.equals(from) && target.getPackageName().startsWith(to + ".internal")) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    private static SliceAssignment byModule() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return Modules.moduleOf(c.getBaseComponentType()).map(SliceIdentifier::of)
                        .orElse(SliceIdentifier.ignore());
            }

            @Override
            public String getDescription() {
                return "dropvault modules";
            }
        };
    }
}
