package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** bin/dropvault-server of the image, started with no Java installed, on 127.0.0.1 and a free port. */
final class ImageServer implements AutoCloseable {
    static final Path IMAGE = Path.of(System.getProperty("dropvault.dist"));
    private static final Pattern LISTENING = Pattern.compile("dropvault listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path stderr;
    private final InetSocketAddress address;

    private ImageServer(Process process, Path stderr, InetSocketAddress address) {
        this.process = process;
        this.stderr = stderr;
        this.address = address;
    }

    /** Starts the server with {@code options} and waits for its listening line. */
    static ImageServer start(NoJavaEnvironment noJava, Path work, String... options) throws IOException {
        return start(IMAGE, noJava, work, options);
    }

    /** {@link #start(NoJavaEnvironment, Path, String...)} of the image at {@code image}. */
    static ImageServer start(Path image, NoJavaEnvironment noJava, Path work, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(image.resolve("bin/dropvault-server").toString(),
                "--port", "0", "--bind", "127.0.0.1", "--data", work.resolve("data").toString()));
        command.addAll(List.of(options));
        Path stderr = work.resolve("server-stderr.txt");
        Process process = noJava.builder(command).directory(work.toFile()).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher listening = LISTENING.matcher(String.valueOf(line));
        if (!listening.matches()) {
            process.destroyForcibly();
            throw new AssertionError("no listening line but " + line + "; stderr: " + readQuietly(stderr));
        }
        return new ImageServer(process, stderr, new InetSocketAddress("127.0.0.1", Integer.parseInt(listening.group(1))));
    }

    InetSocketAddress address() {
        return address;
    }

    /** What the server logged so far. */
    String stderr() {
        return readQuietly(stderr);
    }

    /** Stops the server with SIGTERM; returns its exit status. */
    int stop() throws InterruptedException {
        process.toHandle().destroy();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running after SIGTERM");
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
