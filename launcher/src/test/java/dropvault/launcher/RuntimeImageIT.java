package dropvault.launcher;

import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

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
        NoJavaEnvironment.Result listing = noJava.run(List.of(IMAGE.resolve("libexec/java").toString(), "--list-modules"));

        assertEquals(0, listing.status(), listing.both());
        Set<String> modules = listing.output().lines()
                .map(line -> line.split("@")[0].strip())
                .collect(Collectors.toSet());
        assertTrue(modules.containsAll(Set.of(
                "dropvault.launcher", "dropvault.server", "dropvault.client", "dropvault.storage.mapdb",
                "dropvault.plugin.register", "dropvault.plugin.publickey", "dropvault.plugin.reconnect",
                "dropvault.plugin.upload", "dropvault.plugin.crc", "dropvault.plugin.list", "dropvault.plugin.get", "dropvault.plugin.restore",
                "dropvault.retrieval", "dropvault.retrieval.server", "dropvault.check", "dropvault.storage.postgresql",
                "org.postgresql.jdbc", "com.zaxxer.hikari", "org.slf4j", "org.slf4j.jul",
                "mapdb", "elsa", "lz4", "kotlin.stdlib", "com.google.common",
                "org.eclipse.collections.api", "org.eclipse.collections.impl",
                "org.conscrypt", "org.bouncycastle.provider", "org.apache.commons.cli", "com.fasterxml.jackson.core",
                "java.base", "java.logging", "jdk.unsupported",
                // dropvault-server's /metrics: the Prometheus client, the JDK's HTTP server and the JVM's MXBeans
                "dropvault.metrics", "io.prometheus.metrics.exporter.httpserver", "io.prometheus.metrics.instrumentation.jvm",
                "jdk.httpserver", "java.management", "jdk.management")), modules.toString());
        for (String unneeded : List.of("java.desktop", "java.compiler", "jdk.compiler", "jdk.jshell",
                "java.management.rmi", "io.prometheus.metrics.expositionformats", "eclipse.collections.forkjoin")) {
            assertFalse(modules.contains(unneeded), unneeded + " is linked: " + modules);
        }
    }

    @Test
    void holdsTheCommandsAloneInBinConfAndAnEmptyPluginsFolder() throws IOException {
        for (String launcher : List.of("bin/dropvault-server", "bin/dropvault-client", "bin/dropvault-check",
                "bin/dropvault-bench", "bin/dropvault-admin", "libexec/java")) {
            assertTrue(Files.isExecutable(IMAGE.resolve(launcher)), launcher);
        }
        try (Stream<Path> bin = Files.list(IMAGE.resolve("bin"))) {
            assertEquals(List.of("dropvault-admin", "dropvault-bench", "dropvault-check", "dropvault-client",
                    "dropvault-server"), bin.map(p -> p.getFileName().toString()).sorted().toList(),
                    "bin/ holds the project's commands only");
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
                IMAGE.resolve("libexec/java").toString(), "--enable-native-access=lz4,org.conscrypt,dropvault.crypto",
                "--module-path", classes.toString(),
                "--module", "dropvault.imagecheck/dropvault.imagecheck.ImageCheck", data.toString()));

        assertEquals(0, check.status(), check.both());
        assertEquals(List.of(
                "mapdb verified",
                "eclipse-collections abc",
                "lz4 native round trip",
                "crypto jdk AES round trip",
                "crypto bouncycastle AES round trip",
                "crypto conscrypt AES round trip",
                "crypto openssl AES round trip"), check.output().lines().toList(), check.both());
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

    /** The Prometheus client's jars run in the image (their descriptors are right), and a typo in the config is named. */
    @Test
    void theServerServesMetricsWithNoJavaInstalled() throws Exception {
        Path work = Files.createDirectory(temp.resolve("metrics"));
        Path conf = Files.writeString(work.resolve("server.properties"),
                "metrics.bind=127.0.0.1:0\nmax.conections=100\n");
        try (ImageServer server = ImageServer.start(noJava, work, "--config", conf.toString())) {
            try (TestClient client = new TestClient(server.address())) {
                Peer.register(client, "image metrics");
            }
            java.util.regex.Matcher url = java.util.regex.Pattern.compile("metrics and health on (http://\\S+)/metrics")
                    .matcher(server.stderr());
            assertTrue(url.find(), server::stderr);
            assertTrue(server.stderr().contains("unknown keys in the configuration, ignored: max.conections"
                    + " (did you mean max.connections?)"), server::stderr);
            String base = url.group(1);
            Await.until("the session counted", () -> read(base + "/metrics")
                    .contains("\ndropvault_sessions_total{result=\"closed\"} 1.0\n"));
            String scrape = read(base + "/metrics");
            assertTrue(scrape.contains("\njvm_memory_used_bytes{area=\"heap\"} "), scrape);
            assertTrue(scrape.contains("\ndropvault_store_commit_seconds_count "), scrape);
            assertEquals("ready\n", read(base + "/-/ready"));
            assertEquals(0, server.stop(), server::stderr);
        }
    }

    /** bin/dropvault-admin finds the store through ServiceLoader in the image, and a server process's lock stops its changes. */
    @Test
    void theAdminToolReadsBesideARunningServerAndChangesOnlyAfterIt() throws Exception {
        Path work = Files.createDirectory(temp.resolve("admin"));
        String data = work.resolve("data").toString();
        String admin = IMAGE.resolve("bin/dropvault-admin").toString();
        Peer.Identity who;
        try (ImageServer server = ImageServer.start(noJava, work)) {
            try (TestClient client = new TestClient(server.address())) {
                who = Peer.register(client, "image admin");
            }
            NoJavaEnvironment.Result clients = noJava.run(List.of(admin, "--data", data, "clients"));
            assertEquals(0, clients.status(), clients.both());
            assertTrue(clients.output().contains("image admin  " + who.id().hex()), clients.both());
            NoJavaEnvironment.Result refused = noJava.run(List.of(admin, "--data", data, "delete-client", "--yes",
                    who.id().hex()));
            assertEquals(4, refused.status(), refused.both());
            assertEquals(0, server.stop(), server::stderr);
        }
        NoJavaEnvironment.Result deleted = noJava.run(List.of(admin, "--data", data, "delete-client", "--yes",
                "image admin"));
        assertEquals(0, deleted.status(), deleted.both());
        NoJavaEnvironment.Result none = noJava.run(List.of(admin, "--data", data, "export"));
        assertEquals(0, none.status(), none.both());
        assertEquals("", none.output());
    }

    /** The JSON formatter loads by name from logging.properties in the image. */
    @Test
    void theServerLogsJsonLinesWhenLoggingPropertiesSaySo() throws Exception {
        Path work = Files.createDirectory(temp.resolve("json"));
        Path logging = Files.writeString(work.resolve("logging.properties"), """
                handlers=java.util.logging.ConsoleHandler
                .level=INFO
                java.util.logging.ConsoleHandler.level=INFO
                java.util.logging.ConsoleHandler.formatter=dropvault.server.logging.JsonLogFormatter
                """);
        try (ImageServer server = ImageServer.start(noJava.with("DROPVAULT_JAVA_OPTS",
                "-Djava.util.logging.config.file=" + logging), work)) {
            Peer.Identity who;
            try (TestClient client = new TestClient(server.address())) {
                who = Peer.register(client, "image json");
            }
            assertEquals(0, server.stop(), server::stderr);
            List<String> lines = server.stderr().lines().toList();
            assertTrue(lines.stream().allMatch(l -> l.startsWith("{\"time\":\"") && l.endsWith("}")), server::stderr);
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"session\"") && l.contains("\"client\":\""
                    + who.id().hex() + "\"") && l.contains("\"kind\":\"closed\"")), server::stderr);
        }
    }

    private static String read(String url) {
        try {
            var c = (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            try (var in = c.getInputStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One layout for every command: 80 columns, nothing trailing, each wrapped line under the start of its column. */
    @Test
    void everyCommandsHelpReadsCleanly() throws Exception {
        for (String command : List.of("dropvault-server", "dropvault-client", "dropvault-bench", "dropvault-admin")) {
            NoJavaEnvironment.Result help = noJava.run(List.of(IMAGE.resolve("bin").resolve(command).toString(), "--help"));
            assertEquals(0, help.status(), help.both());
            assertTrue(help.output().startsWith("Usage: " + command + " "), help.output());
            List<String> lines = help.output().lines().toList();
            int column = -1;
            boolean inOptions = false;
            for (String line : lines) {
                assertTrue(line.length() <= 80 && line.equals(line.stripTrailing()), command + ": '" + line + "'");
                if (!line.isEmpty() && !line.startsWith(" ")) {
                    inOptions = line.equals("Options:");
                }
                if (!inOptions) {
                    continue;
                }
                java.util.regex.Matcher option = java.util.regex.Pattern.compile("^  (-\\S, |    )--\\S+( \\S+)? +(?=\\S)")
                        .matcher(line);
                if (option.find()) {
                    assertTrue(column < 0 || column == option.end(), command + ": options start in one column: " + line);
                    column = option.end();
                } else if (column > 0 && line.startsWith(" ".repeat(5)) && !line.isBlank()) {
                    assertEquals(column, line.length() - line.stripLeading().length(), command + ": '" + line + "'");
                }
            }
            assertTrue(column > 0, command + ": no options found in\n" + help.output());
        }
    }

    @Test
    void theCheckerPassesTheImagesServerWithNoJavaInstalled() throws Exception {
        // the checker sends bad input from loopback on purpose: exempt loopback from the penalties (limits.exempt)
        Path config = Files.writeString(temp.resolve("check-server.properties"), "limits.exempt=127.0.0.0/8\n");
        try (ImageServer server = ImageServer.start(noJava, temp, "--config", config.toString())) {
            Path json = temp.resolve("check.json");
            NoJavaEnvironment.Result check = noJava.run(List.of(IMAGE.resolve("bin/dropvault-check").toString(), "server",
                    "127.0.0.1:" + server.address().getPort(), "--max-upload", "1048576", "--json", json.toString()));
            assertEquals(0, check.status(), check.both());
            assertTrue(check.output().contains("result: ok"), check.both());
            assertTrue(Files.readString(json).startsWith("{\n  \"dialect\": {\"first_packet\": 1,"), Files.readString(json));
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
