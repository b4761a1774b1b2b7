package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/** Builds jars in a test, as a third party would: javac and jar of the JDK running the build. */
final class ModuleJars {
    /** The jars the image was linked from, each a named module: what a plugin compiles against. */
    static final Path LINKED_JARS = Path.of(System.getProperty("dropvault.link.modules"));

    private ModuleJars() {
    }

    /** The sources under {@code name} in this test's resources. */
    static Path sources(String name) throws URISyntaxException {
        return Path.of(ModuleJars.class.getResource("/" + name).toURI());
    }

    /** Compiles the module (or, without a module-info.java, the classes) under {@code sources}. */
    static Path compile(Path sources, Path classes) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        boolean modular = Files.exists(sources.resolve("module-info.java"));
        String pathOption = modular ? "--module-path" : "--class-path";
        String path = modular ? LINKED_JARS.toString() : classPath();
        String[] args = Stream.concat(Stream.of("--release", "25", pathOption, path, "-d", classes.toString()),
                files.stream()).toArray(String[]::new);
        run("javac", args);
        return classes;
    }

    private static String classPath() throws IOException {
        try (Stream<Path> jars = Files.list(LINKED_JARS)) {
            return String.join(File.pathSeparator, jars.map(Path::toString).toList());
        }
    }

    /** Compiles the sources under {@code sources} into {@code jar}, with their non-Java files. */
    static Path build(Path sources, Path jar, Path work) throws IOException {
        Path classes = compile(sources, Files.createDirectories(work.resolve(jar.getFileName() + ".classes")));
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path f : walk.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".java")).toList()) {
                Path target = classes.resolve(sources.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        run("jar", "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
        return jar;
    }

    private static void run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow();
        assertEquals(0, provider.run(System.out, System.err, args), tool + " " + Arrays.toString(args));
    }
}
