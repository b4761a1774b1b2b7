package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jlink image of launcher/target/dropvault, run after {@code package} with no Java installed. */
class RuntimeImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("dropvault.dist"));
    private static final Pattern LISTENING = Pattern.compile("dropvault listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Path LINKED_JARS = Path.of(System.getProperty("dropvault.link.modules"));

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

        assertEquals(0, listing.status(), listing.output());
        Set<String> modules = listing.output().lines()
                .map(line -> line.split("@")[0].strip())
                .collect(Collectors.toSet());
        assertTrue(modules.containsAll(Set.of(
                "dropvault.launcher", "dropvault.server", "dropvault.client", "dropvault.storage.mapdb",
                "dropvault.plugin.register", "dropvault.plugin.publickey", "dropvault.plugin.reconnect",
                "dropvault.plugin.upload", "dropvault.plugin.crc",
                "mapdb", "elsa", "lz4", "kotlin.stdlib", "com.google.common",
                "org.eclipse.collections.api", "org.eclipse.collections.impl",
                "org.conscrypt", "org.bouncycastle.provider", "org.apache.commons.cli",
                "java.base", "java.logging", "jdk.unsupported")), modules.toString());
        for (String unneeded : List.of("java.desktop", "java.compiler", "jdk.compiler", "jdk.jshell",
                "java.management", "eclipse.collections.forkjoin")) {
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
        Path classes = compile(Path.of(RuntimeImageIT.class.getResource("/image-check").toURI()), temp.resolve("check"));
        Path data = Files.createDirectory(temp.resolve("data"));

        NoJavaEnvironment.Result check = noJava.run(List.of(
                IMAGE.resolve("bin/java").toString(), "--enable-native-access=lz4,org.conscrypt",
                "--module-path", classes.toString(),
                "--module", "dropvault.imagecheck/dropvault.imagecheck.ImageCheck", data.toString()));

        assertEquals(0, check.status(), check.output());
        assertEquals(List.of(
                "mapdb verified",
                "eclipse-collections abc",
                "lz4 native round trip",
                "crypto jdk AES round trip",
                "crypto bouncycastle AES round trip",
                "crypto conscrypt AES round trip"), check.output().lines().toList(), check.output());
    }

    @Test
    void theServerListensAndServesWithNoJavaInstalled() throws Exception {
        Path stderr = temp.resolve("stderr.txt");
        Process server = noJava.builder(List.of(IMAGE.resolve("bin/dropvault-server").toString(),
                        "--port", "0", "--bind", "127.0.0.1", "--data", temp.resolve("data").toString()))
                .directory(temp.toFile()).redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher listening = LISTENING.matcher(String.valueOf(line));
            assertTrue(listening.matches(), () -> line + "; stderr: " + readQuietly(stderr));

            try (TestClient client = new TestClient(new InetSocketAddress("127.0.0.1", Integer.parseInt(listening.group(1))))) {
                Peer.register(client, "image");
            }

            server.toHandle().destroy();
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "still running after SIGTERM");
            assertEquals(0, server.exitValue(), () -> readQuietly(stderr));
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void theServerReportsItsVersionWithNoJavaInstalled() throws Exception {
        NoJavaEnvironment.Result version = noJava.run(List.of(IMAGE.resolve("bin/dropvault-server").toString(), "--version"));

        assertEquals(0, version.status(), version.output());
        assertTrue(version.output().startsWith("dropvault-server "), version.output());
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Compiles the module whose sources are under {@code sources} against the image's jars. */
    private static Path compile(Path sources, Path classes) throws IOException {
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String[] args = Stream.concat(Stream.of(
                        "--release", "25", "--module-path", LINKED_JARS.toString(), "-d", classes.toString()),
                files.stream()).toArray(String[]::new);
        assertEquals(0, javac.run(System.out, System.err, args), "javac " + Arrays.toString(args));
        return classes;
    }
}
