package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands of the runtime image as on a machine with no Java: no JAVA_HOME, and a PATH made
 * of one empty folder, so no {@code java} can be found on it.
 */
final class NoJavaEnvironment {
    /** A guard against a hung process, not a measure of speed. */
    private static final long GIVE_UP_SECONDS = 120;

    private final Path emptyBin;
    private final Map<String, String> variables;

    NoJavaEnvironment(Path emptyBin) {
        this(emptyBin, Map.of());
    }

    private NoJavaEnvironment(Path emptyBin, Map<String, String> variables) {
        this.emptyBin = emptyBin;
        this.variables = variables;
    }

    /** This environment with one more variable set. */
    NoJavaEnvironment with(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(variables);
        more.put(name, value);
        return new NoJavaEnvironment(emptyBin, Map.copyOf(more));
    }

    /** A process builder for {@code command} with this environment. */
    ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", emptyBin.toString());
        env.putAll(variables);
        assertFalse(env.containsKey("JAVA_HOME"));
        for (String dir : env.get("PATH").split(File.pathSeparator)) {
            assertFalse(Files.exists(Path.of(dir, "java")), "a java on the PATH: " + dir);
        }
        return builder;
    }

    /** Runs {@code command} to its end; returns its exit status, stdout and stderr. */
    Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    /** {@link #run(List)} with {@code variables} added to the environment. */
    Result run(List<String> command, Map<String, String> variables) throws IOException, InterruptedException {
        Path errors = Files.createTempFile(emptyBin.getParent(), "stderr", ".txt");
        ProcessBuilder builder = builder(command);
        builder.environment().putAll(variables);
        Process process = builder.redirectError(errors.toFile()).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(GIVE_UP_SECONDS, TimeUnit.SECONDS), "still running: " + command);
        return new Result(process.exitValue(), output, Files.readString(errors));
    }

    record Result(int status, String output, String errors) {
        /** Both streams, for a failure message. */
        String both() {
            return output + errors;
        }
    }
}
