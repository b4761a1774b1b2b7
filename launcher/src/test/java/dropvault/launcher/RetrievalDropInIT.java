package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server image linked without the retrieval plugins (list, get, restore), as an image of an earlier build
 * is: the image's client hears that it cannot list or send files back; then the plugins' jars, as the build
 * made them, dropped into its plugins folder, serve all three with nothing else changed.
 */
class RetrievalDropInIT {
    private static final List<String> PLUGINS = List.of("list", "get", "restore");

    @TempDir
    static Path linked;
    private static Path image;

    @TempDir
    Path work;
    private NoJavaEnvironment noJava;
    private Path clientDir;

    @BeforeAll
    static void linkAnImageWithoutThem() throws Exception {
        image = linked.resolve("image");
        String roots = "dropvault.launcher,dropvault.storage.mapdb,dropvault.retrieval.server,org.bouncycastle.provider,"
                + "org.conscrypt,jdk.unsupported,dropvault.plugin.register,dropvault.plugin.publickey,"
                + "dropvault.plugin.reconnect,dropvault.plugin.upload,dropvault.plugin.crc";
        Process jlink = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "--module-path", ModuleJars.LINKED_JARS + File.pathSeparator + System.getProperty("dropvault.launcher.jar"),
                "--add-modules", roots, "--output", image.toString(), "--no-header-files", "--no-man-pages",
                "--ignore-signing-information").redirectErrorStream(true).start();
        String out = new String(jlink.getInputStream().readAllBytes());
        assertEquals(0, jlink.waitFor(), out);
        Files.createDirectories(image.resolve("libexec"));
        Files.move(image.resolve("bin/java"), image.resolve("libexec/java"));
        Files.copy(ImageServer.IMAGE.resolve("bin/dropvault-server"), image.resolve("bin/dropvault-server"),
                StandardCopyOption.COPY_ATTRIBUTES);
        // the project's conf/ files, beside the JDK's own
        try (Stream<Path> conf = Files.list(Path.of(System.getProperty("dropvault.launcher.jar")).getParent()
                .resolve("../../conf"))) {
            for (Path c : conf.toList()) {
                Files.copy(c, image.resolve("conf").resolve(c.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @BeforeEach
    void folders() throws IOException {
        noJava = new NoJavaEnvironment(Files.createDirectory(work.resolve("empty-bin")));
        clientDir = Files.createDirectory(work.resolve("client"));
    }

    private NoJavaEnvironment.Result client(ImageServer server, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ImageServer.IMAGE.resolve("bin/dropvault-client").toString(),
                "--server", "127.0.0.1:" + server.address().getPort(), "--name", "dropin", "--dir", clientDir.toString()));
        command.addAll(List.of(args));
        return noJava.run(command);
    }

    private Path file(String name, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(clientDir.resolve(name), b);
    }

    @Test
    void withoutThePluginsTheClientSaysSoAndExitsWithItsOwnStatus() throws Exception {
        try (ImageServer server = ImageServer.start(image, noJava, work)) {
            Path f = file("a.bin", 3000, 1);
            NoJavaEnvironment.Result sent = client(server, "send", f.toString());
            assertEquals(0, sent.status(), sent.both());
            for (List<String> args : List.of(List.of("list"), List.of("get", "a.bin", "-o", work.resolve("back").toString()))) {
                NoJavaEnvironment.Result r = client(server, args.toArray(String[]::new));
                assertEquals(8, r.status(), r.both());
                assertTrue(r.errors().contains("this server cannot list or send files back"), r.both());
            }
            assertTrue(Files.notExists(work.resolve("back")));
            assertEquals(0, server.stop(), server::stderr);
        }
    }

    @Test
    void theirJarsDroppedInServeListGetAndRestore() throws Exception {
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        for (String p : PLUGINS) {
            try (Stream<Path> jars = Files.list(ModuleJars.LINKED_JARS)) {
                Path jar = jars.filter(j -> j.getFileName().toString().startsWith("dropvault-plugin-" + p + "-"))
                        .findFirst().orElseThrow();
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        try (ImageServer server = ImageServer.start(image, noJava, work, "--plugins", plugins.toString())) {
            Path f = file("doc.bin", 200_000, 2);
            byte[] first = Files.readAllBytes(f);
            assertEquals(0, client(server, "send", f.toString()).status());
            file("doc.bin", 1000, 3);
            assertEquals(0, client(server, "send", f.toString()).status());

            NoJavaEnvironment.Result list = client(server, "list");
            assertEquals(0, list.status(), () -> list.both() + server.stderr());
            assertEquals(3, list.output().lines().count(), list.output());
            NoJavaEnvironment.Result restore = client(server, "restore", "doc.bin", "--version", "1");
            assertEquals(0, restore.status(), restore.both());
            Path back = work.resolve("back.bin");
            NoJavaEnvironment.Result get = client(server, "get", "doc.bin", "-o", back.toString());
            assertEquals(0, get.status(), get.both());
            assertArrayEquals(first, Files.readAllBytes(back));
            for (String p : PLUGINS) {
                assertTrue(server.stderr().contains("dropvault-plugin-" + p + "-"), server.stderr());
            }
            assertEquals(0, server.stop(), server::stderr);
        }
    }
}
