package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jlink image of launcher/target/dropvault, run after {@code package} with no Java installed. */
class RuntimeImageIT {
    private static final Path IMAGE = ImageServer.IMAGE;

    @TempDir
    Path temp;

    private NoJavaEnvironment noJava;

    @BeforeEach
    void emptyPath() throws IOException {
        noJava = new NoJavaEnvironment(Files.createDirectory(temp.resolve("empty-bin")));
    }

    @Test
    void linksTheApplicationAndOnlyTheJdkModulesItNeeds() throws Exception {
        NoJavaEnvironment.Result listing = noJava.run(List.of(IMAGE.resolve("bin/java").toString(), "--list-modules"));

        assertEquals(0, listing.status(), listing.both());
        Set<String> modules = listing.output().lines()
                .map(line -> line.split("@")[0].strip())
                .collect(Collectors.toSet());
        assertTrue(modules.containsAll(Set.of(
                "dropvault.launcher", "dropvault.server", "dropvault.client", "dropvault.storage.mapdb",
                "dropvault.plugin.register", "dropvault.plugin.publickey", "dropvault.plugin.reconnect",
                "dropvault.plugin.upload", "dropvault.plugin.crc", "dropvault.storage.postgresql",
                "org.postgresql.jdbc", "com.zaxxer.hikari", "org.slf4j", "org.slf4j.jul",
                "mapdb", "elsa", "lz4", "kotlin.stdlib", "com.google.common",
                "org.eclipse.collections.api", "org.eclipse.collections.impl",
                "org.conscrypt", "org.bouncycastle.provider", "org.apache.commons.cli",
                "java.base", "java.logging", "jdk.unsupported")), modules.toString());
        // java.management is needed: HikariCP and pgjdbc require it; java.desktop stays out (pgjdbc's descriptor)
        for (String unneeded : List.of("java.desktop", "java.compiler", "jdk.compiler", "jdk.jshell",
                "eclipse.collections.forkjoin")) {
            assertFalse(modules.contains(unneeded), unneeded + " is linked: " + modules);
        }
    }

    @Test
    void holdsLaunchersConfAndAnEmptyPluginsFolder() throws IOException {
        for (String launcher : List.of("bin/dropvault-server", "bin/dropvault-client", "bin/java")) {
            assertTrue(Files.isExecutable(IMAGE.resolve(launcher)), launcher);
        }
        assertTrue(Files.isDirectory(IMAGE.resolve("conf")));
        try (Stream<Path> plugins = Files.list(IMAGE.resolve("plugins"))) {
            assertEquals(List.of(), plugins.toList());
        }
    }

    /** Fails when a descriptor moditect added misses a requires, an export or a uses. */
    @Test
    void runsTheThirdPartyModulesWithNoJavaInstalled() throws Exception {
        Path classes = ModuleJars.compile(ModuleJars.sources("image-check"), temp.resolve("check"));
        Path data = Files.createDirectory(temp.resolve("data"));

        NoJavaEnvironment.Result check = noJava.run(List.of(
                IMAGE.resolve("bin/java").toString(), "--enable-native-access=lz4,org.conscrypt",
                "--module-path", classes.toString(),
                "--module", "dropvault.imagecheck/dropvault.imagecheck.ImageCheck", data.toString()));

        assertEquals(0, check.status(), check.both());
        assertEquals(List.of(
                "mapdb verified",
                "eclipse-collections abc",
                "lz4 native round trip",
                "crypto jdk AES round trip",
                "crypto bouncycastle AES round trip",
                "crypto conscrypt AES round trip"), check.output().lines().toList(), check.both());
    }

    @Test
    void theServerListensAndServesWithNoJavaInstalled() throws Exception {
        try (ImageServer server = ImageServer.start(noJava, temp)) {
            try (TestClient client = new TestClient(server.address())) {
                Peer.register(client, "image");
            }
            assertEquals(0, server.stop(), server::stderr);
        }
    }

    @Test
    void theServerReportsItsVersionWithNoJavaInstalled() throws Exception {
        NoJavaEnvironment.Result version = noJava.run(List.of(IMAGE.resolve("bin/dropvault-server").toString(), "--version"));

        assertEquals(0, version.status(), version.both());
        assertTrue(version.output().startsWith("dropvault-server "), version.output());
    }

    @Test
    void theServerLauncherBoundsTheHeapWithSerialGcUnlessDropvaultJavaOptsSaysOtherwise() throws Exception {
        NoJavaEnvironment.Result defaults = serverVersionWith("-XshowSettings:vm -Xlog:gc");
        assertEquals(0, defaults.status(), defaults.both());
        assertTrue(defaults.errors().contains("Max. Heap Size: 160.00M"), defaults.both());
        assertTrue(defaults.output().contains("Using Serial"), defaults.both());

        NoJavaEnvironment.Result own = serverVersionWith("-XshowSettings:vm -Xlog:gc -Xmx300m -XX:+UseG1GC");
        assertEquals(0, own.status(), "a collector of the user's replaces the default one: " + own.both());
        assertTrue(own.errors().contains("Max. Heap Size: 300.00M"), own.both());
        assertTrue(own.output().contains("Using G1"), own.both());
    }

    @Test
    void theClientLauncherLeavesTheHeapToTheJvm() throws Exception {
        NoJavaEnvironment.Result client = noJava.run(List.of(IMAGE.resolve("bin/dropvault-client").toString(),
                "--help"), Map.of("DROPVAULT_JAVA_OPTS", "-XshowSettings:vm"));
        assertTrue(client.errors().contains("Max. Heap Size"), client.both());
        assertFalse(client.errors().contains("Max. Heap Size: 160.00M"), client.both());
    }

    private NoJavaEnvironment.Result serverVersionWith(String javaOptions) throws Exception {
        return noJava.run(List.of(IMAGE.resolve("bin/dropvault-server").toString(), "--version"),
                Map.of("DROPVAULT_JAVA_OPTS", javaOptions));
    }
}
