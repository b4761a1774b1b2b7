package dropvault.hostile;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The store of a data folder, read by a JVM of the server's modules (DumpStore.java) while no server
 * runs: one line per client ({@code client ID name=.. publicKey=..}) and per file
 * ({@code file ID name=.. path=.. verified=..}).
 */
final class StoreDump {
    private StoreDump() {
    }

    static List<String> of(Path dataDir, Path work) throws IOException, InterruptedException {
        Path source = work.resolve("DumpStore.java");
        try (InputStream in = StoreDump.class.getResourceAsStream("DumpStore.java")) {
            Files.copy(in, source, StandardCopyOption.REPLACE_EXISTING);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = work.resolve("dump.out");
        Path err = work.resolve("dump.err");
        Process p = new ProcessBuilder(java.toString(), "--enable-native-access=lz4,org.conscrypt,ALL-UNNAMED",
                "--module-path", modulePath(), "--add-modules", "dropvault.server,dropvault.storage.mapdb",
                source.toString(), dataDir.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("reading the store took too long");
        }
        if (p.exitValue() != 0) {
            throw new IOException("cannot read the store: " + Files.readString(err));
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    /** The server's module jars and the store's libraries, from this test's class path (the launcher's dependencies). */
    private static String modulePath() {
        // the PostgreSQL store's libraries too: the JVM binds every StoreProvider on the module path
        List<String> wanted = List.of("dropvault-", "mapdb-", "kotlin-stdlib-", "eclipse-collections", "guava-",
                "failureaccess-", "lz4-", "elsa-", "bcprov-", "bcpkix-", "bcutil-", "conscrypt-", "jackson-core-",
                "postgresql-", "HikariCP-", "slf4j-");
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .filter(e -> wanted.stream().anyMatch(Path.of(e).getFileName().toString()::startsWith))
                // the S3 file area would need its SDK: a store dump never touches files
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("dropvault-files-s3-"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
