package dropvault.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The modules of DESIGN.md as data: each class belongs to the module with the longest matching root package. */
final class Modules {
    static final String PROTOCOL = "dropvault.protocol";
    static final String CRYPTO = "dropvault.crypto";
    static final String RETRIEVAL = "dropvault.retrieval";
    static final String RETRIEVAL_SERVER = "dropvault.retrieval.server";
    static final String STORAGE = "dropvault.storage";
    static final String STORAGE_MAPDB = "dropvault.storage.mapdb";
    static final String STORAGE_POSTGRESQL = "dropvault.storage.postgresql";
    static final String FILES_S3 = "dropvault.files.s3";
    static final String TRANSPORT = "dropvault.transport";
    static final String TLS = "dropvault.tls";
    static final String SERVER = "dropvault.server";
    static final String SERVER_SPI = "dropvault.server.spi";
    static final String METRICS = "dropvault.metrics";
    static final String ADMIN = "dropvault.admin";
    static final String CLI = "dropvault.cli";
    static final String CLIENT = "dropvault.client";
    static final String LAUNCHER = "dropvault.launcher";
    static final String BENCHMARKS = "dropvault.benchmarks";
    static final String BENCH = "dropvault.bench";
    static final String CHECK = "dropvault.check";
    static final String PLUGINS = "dropvault.plugin";
    static final List<String> PLUGIN_MODULES = List.of("register", "publickey", "reconnect", "upload", "crc", "list",
                    "get", "restore").stream()
            .map(p -> PLUGINS + "." + p).toList();

    static final List<String> ROOTS = Stream.concat(
            Stream.of(PROTOCOL, CRYPTO, RETRIEVAL, RETRIEVAL_SERVER, STORAGE, STORAGE_MAPDB, STORAGE_POSTGRESQL, FILES_S3, TRANSPORT, TLS, SERVER,
                    METRICS, ADMIN, CLI, CLIENT, LAUNCHER, BENCHMARKS, BENCH, CHECK),
            PLUGIN_MODULES.stream()).toList();

    /** What every module may use besides the modules of the table: the JDK. */
    static final String[] JDK = {"java..", "javax..", "jdk.."};

    private Modules() {
    }

    /** The module root of a package; plugins are each their own module, even ones not listed. */
    static Optional<String> moduleOf(String packageName) {
        if (packageName.startsWith(PLUGINS + ".")) {
            String rest = packageName.substring(PLUGINS.length() + 1);
            int dot = rest.indexOf('.');
            return Optional.of(PLUGINS + "." + (dot < 0 ? rest : rest.substring(0, dot)));
        }
        return ROOTS.stream()
                .filter(root -> packageName.equals(root) || packageName.startsWith(root + "."))
                .max(Comparator.comparingInt(String::length));
    }

    static Optional<String> moduleOf(JavaClass c) {
        return moduleOf(c.getPackageName());
    }

    static DescribedPredicate<JavaClass> inModule(String root) {
        return DescribedPredicate.describe("in module " + root, c -> moduleOf(c).filter(root::equals).isPresent());
    }

    static DescribedPredicate<JavaClass> inAnyPlugin() {
        return DescribedPredicate.describe("in a plugin module", c -> c.getPackageName().startsWith(PLUGINS + "."));
    }

    /** Classes of these modules; {@code dropvault.server.spi} names only the SPI package of the server. */
    static DescribedPredicate<JavaClass> inModules(Set<String> roots) {
        return DescribedPredicate.describe("in " + roots.stream().sorted().collect(Collectors.joining(", ")), c -> {
            String p = c.getPackageName();
            if (roots.contains(SERVER_SPI) && (p.equals(SERVER_SPI) || p.startsWith(SERVER_SPI + "."))) {
                return true;
            }
            return moduleOf(c).filter(roots::contains).isPresent();
        });
    }
}
