package dropvault.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed vectors are what src/scripts/make-vectors.py makes from their definitions with
 * openssl, GNU cksum and Python alone (its check mode), and the check mode sees a changed byte.
 */
class MakeVectorsTest {
    /** Set by this module's pom. */
    private static final Path SCRIPT = Path.of(System.getProperty("dropvault.vectors.script"));

    @TempDir
    Path copy;

    @BeforeEach
    void theToolsArePresent() {
        for (String tool : List.of("python3", "openssl", "cksum")) {
            assumeTrue(onPath(tool), tool + " is not on the PATH: the vectors are not checked against make-vectors.py");
        }
    }

    @Test
    void theCommittedVectorsAreWhatTheScriptMakes() throws Exception {
        Result r = check(Vectors.folder());

        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("the vectors are as made"), r.output());
    }

    @Test
    void theCheckFindsAChangedByte() throws Exception {
        copyTree(Vectors.folder(), copy);
        Path frames = copy.resolve("frames.json");
        String json = Files.readString(frames);
        int at = json.indexOf("033c03db") + 7;
        Files.writeString(frames, json.substring(0, at) + 'c' + json.substring(at + 1));

        Result r = check(copy);

        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("frames.json: .frames[6].hex: differs from character 39"), r.output());
    }

    private record Result(int status, String output) {
    }

    private static Result check(Path vectors) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", SCRIPT.toString(), "--check", vectors.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "make-vectors.py --check did not end");
        return new Result(p.exitValue(), output);
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
