package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.OpaqueResponse;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.Response;
import dropvault.protocol.ResponseDecoder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handler plugins built here against the SPI only, as a third party would, and dropped into a
 * plugins folder of the built image: a ping on a new code, one that claims 825, and broken jars.
 */
class PluginDropInIT {
    @TempDir
    static Path jars;

    private static Path ping;
    private static Path usurper;
    private static List<Path> broken;

    @TempDir
    Path work;

    private Path plugins;
    private NoJavaEnvironment noJava;

    @BeforeAll
    static void buildPlugins() throws Exception {
        ping = ModuleJars.build(ModuleJars.sources("plugins/ping"), jars.resolve("ping.jar"), jars);
        usurper = ModuleJars.build(ModuleJars.sources("plugins/claims825"), jars.resolve("usurper.jar"), jars);
        Path junk = jars.resolve("junk.jar");
        byte[] noise = new byte[512];
        new Random(6).nextBytes(noise);
        Files.write(junk, noise);
        broken = List.of(
                ModuleJars.build(ModuleJars.sources("plugins/plain"), jars.resolve("plain.jar"), jars),
                ModuleJars.build(ModuleJars.sources("plugins/needs-desktop"), jars.resolve("needs-desktop.jar"), jars),
                ModuleJars.build(ModuleJars.sources("plugins/throws"), jars.resolve("throws.jar"), jars),
                junk);
    }

    @BeforeEach
    void folders() throws IOException {
        plugins = Files.createDirectory(work.resolve("plugins"));
        noJava = new NoJavaEnvironment(Files.createDirectory(work.resolve("empty-bin")));
    }

    @Test
    void aDroppedInPluginServesItsNewCode() throws Exception {
        drop(ping);

        try (ImageServer server = ImageServer.start(noJava, work, "--plugins", plugins.toString())) {
            assertArrayEquals(bytes("are you there?"), ping(server, bytes("are you there?")));
            assertTrue(server.stderr().contains("ping.jar"), server.stderr());
            assertEquals(0, server.stop(), server::stderr);
        }
    }

    @Test
    void listHandlersNamesEachCodeItsHandlerModuleAndJar() throws Exception {
        drop(ping);

        NoJavaEnvironment.Result list = noJava.run(List.of(server(), "--list-handlers", "--plugins", plugins.toString()));

        assertEquals(0, list.status(), list.both());
        List<String> lines = list.output().lines().toList();
        assertTrue(lines.contains("825  dropvault.plugin.register.RegisterHandler  dropvault.plugin.register"
                + "  jrt:/dropvault.plugin.register"), list.output());
        assertTrue(lines.contains("990  com.example.ping.PingHandler  com.example.ping  "
                + plugins.resolve("ping.jar")), list.output());
        assertEquals(List.of("825", "826", "827", "828", "840", "841", "842", "900", "901", "902", "990"),
                lines.stream().map(l -> l.split(" ")[0]).toList(), list.both());
    }

    @Test
    void theImagesOwnPluginsFolderStartsEmpty() throws Exception {
        NoJavaEnvironment.Result list = noJava.run(List.of(server(), "--list-handlers"));

        assertEquals(0, list.status(), list.both());
        assertEquals(List.of("825", "826", "827", "828", "840", "841", "842", "900", "901", "902"),
                list.output().lines().map(l -> l.split(" ")[0]).toList(), list.both());
    }

    @Test
    void aPluginClaimingACodeServedAlreadyStopsTheStartNamingBoth() throws Exception {
        drop(ping);
        drop(usurper);

        NoJavaEnvironment.Result start = noJava.run(List.of(server(), "--port", "0", "--bind", "127.0.0.1",
                "--data", work.resolve("data").toString(), "--plugins", plugins.toString()));

        assertEquals(1, start.status(), start.both());
        assertEquals("", start.output());
        String output = start.errors();
        assertTrue(output.contains("request code 825 is claimed by two handlers"), output);
        assertTrue(output.contains("dropvault.plugin.register.RegisterHandler (module dropvault.plugin.register"), output);
        assertTrue(output.contains("com.example.usurper.RegisterAgain (module com.example.usurper, "
                + plugins.resolve("usurper.jar")), output);
    }

    @Test
    void brokenJarsAreReportedByFileNameAndSkipped() throws Exception {
        drop(ping);
        for (Path jar : broken) {
            drop(jar);
        }

        try (ImageServer server = ImageServer.start(noJava, work, "--plugins", plugins.toString())) {
            assertArrayEquals(bytes("still here"), ping(server, bytes("still here")));
            String log = server.stderr();
            assertTrue(log.contains("plugin " + plugins.resolve("plain.jar") + " skipped: not a module"), log);
            assertTrue(log.contains("plugin " + plugins.resolve("needs-desktop.jar")
                    + " skipped: module com.example.desktop does not resolve"), log);
            assertTrue(log.contains("java.desktop"), log);
            assertTrue(log.contains("plugin " + plugins.resolve("throws.jar")
                    + " skipped: module com.example.thrower: a handler cannot be created"), log);
            assertTrue(log.contains("no licence key found"), log);
            assertTrue(log.contains("plugin " + plugins.resolve("junk.jar") + " skipped: not a readable module jar"), log);
            assertEquals(0, server.stop(), server::stderr);
        }
    }

    private void drop(Path jar) throws IOException {
        Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String server() {
        return ImageServer.IMAGE.resolve("bin/dropvault-server").toString();
    }

    /** Sends request 990 with {@code payload}; returns the payload of the 1990 that answers it. */
    private static byte[] ping(ImageServer server, byte[] payload) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server.address(), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(RequestEncoder.encode(ClientId.ZERO, new OpaquePayload(990, payload)));
            socket.getOutputStream().flush();
            Response response = new ResponseDecoder(new BufferedInputStream(socket.getInputStream()), 64).read()
                    .orElseThrow(() -> new AssertionError("connection closed without a response; " + server.stderr()));
            assertEquals(1990, response.code(), server::stderr);
            return assertInstanceOf(OpaqueResponse.class, response.payload()).bytes();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
