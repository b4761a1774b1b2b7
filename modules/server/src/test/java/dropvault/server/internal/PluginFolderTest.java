package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.server.spi.RequestHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jars built here against this module, as a plugin's author builds them, loaded from a folder. */
class PluginFolderTest {
    private static final String HANDLER = """
            package %s;

            public final class Handler implements dropvault.server.spi.RequestHandler {
                public java.util.Set<Integer> codes() {
                    return java.util.Set.of(%d);
                }

                public java.util.OptionalLong maxPayloadSize(int code) {
                    return java.util.OptionalLong.of(8);
                }

                public void handle(dropvault.protocol.Request request, dropvault.server.spi.Session session) {
                }
            }
            """;

    @TempDir
    Path work;

    @Test
    void eachJarBecomesAModuleInALayerOfItsOwn() throws IOException {
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        moduleJar("test.ping", 990, plugins.resolve("ping.jar"));
        moduleJar("test.echo", 991, plugins.resolve("echo.jar"));

        List<RequestHandler> handlers = PluginFolder.load(plugins, ModuleLayer.boot());

        assertEquals(List.of(Set.of(991), Set.of(990)), handlers.stream().map(RequestHandler::codes).toList());
        Module echo = handlers.get(0).getClass().getModule();
        Module ping = handlers.get(1).getClass().getModule();
        assertEquals("test.echo", echo.getName());
        assertNotSame(ModuleLayer.boot(), ping.getLayer());
        assertNotSame(echo.getLayer(), ping.getLayer());
        assertEquals(plugins.resolve("ping.jar").toString(), HandlerRegistry.location(ping));
    }

    @Test
    void jarsThatDoNotLoadAreSkippedAndTheRestLoad() throws IOException {
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        moduleJar("test.ping", 990, plugins.resolve("ping.jar"));
        classPathJar(992, plugins.resolve("plain.jar"));
        Files.write(plugins.resolve("damaged.jar"), new byte[] {'P', 'K', 3, 4, 0, 0});
        Files.writeString(plugins.resolve("README.txt"), "not a jar");

        List<RequestHandler> handlers = PluginFolder.load(plugins, ModuleLayer.boot());

        assertEquals(List.of(Set.of(990)), handlers.stream().map(RequestHandler::codes).toList());
    }

    @Test
    void aPluginCodeTakenByABuiltInHandlerStopsTheRegistry() throws IOException {
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        moduleJar("test.usurper", 825, plugins.resolve("usurper.jar"));
        List<RequestHandler> all = new ArrayList<>(List.of(new HandlerRegistryTest.Handler("built in", 825)));
        all.addAll(PluginFolder.load(plugins, ModuleLayer.boot()));

        DuplicateHandlerException e = assertThrows(DuplicateHandlerException.class,
                () -> HandlerRegistry.of(all, 1024));
        assertTrue(e.getMessage().contains("test.usurper.Handler (module test.usurper, " + plugins.resolve("usurper.jar")),
                e.getMessage());
    }

    private void moduleJar(String module, int code, Path jar) throws IOException {
        Path sources = Files.createDirectories(work.resolve(module + ".src").resolve(module));
        Files.writeString(sources.resolve("Handler.java"), HANDLER.formatted(module, code));
        Files.writeString(sources.getParent().resolve("module-info.java"), "module " + module
                + " { requires dropvault.server; provides dropvault.server.spi.RequestHandler with " + module
                + ".Handler; }");
        jar(sources.getParent(), jar, "--module-path", System.getProperty("jdk.module.path"));
    }

    private void classPathJar(int code, Path jar) throws IOException {
        Path sources = Files.createDirectories(work.resolve("plain.src").resolve("plain"));
        Files.writeString(sources.resolve("Handler.java"), HANDLER.formatted("plain", code));
        jar(sources.getParent(), jar, "--class-path", System.getProperty("jdk.module.path"));
    }

    private void jar(Path sources, Path jar, String pathOption, String path) throws IOException {
        Path classes = work.resolve(jar.getFileName() + ".classes");
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String[] javac = Stream.concat(Stream.of("--release", "25", pathOption, path, "-d", classes.toString()),
                files.stream()).toArray(String[]::new);
        assertEquals(0, ToolProvider.findFirst("javac").orElseThrow().run(System.out, System.err, javac));
        assertEquals(0, ToolProvider.findFirst("jar").orElseThrow()
                .run(System.out, System.err, "--create", "--file", jar.toString(), "-C", classes.toString(), "."));
    }
}
