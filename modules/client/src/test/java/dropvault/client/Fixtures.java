package dropvault.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/** The shared test vectors (system property dropvault.shared) and test files. */
final class Fixtures {
    private Fixtures() {
    }

    static Path shared() {
        String dir = System.getProperty("dropvault.shared");
        if (dir == null) {
            throw new IllegalStateException("system property dropvault.shared is not set (Surefire sets it)");
        }
        return Path.of(dir);
    }

    static Path clientFile(String name) {
        return shared().resolve("vectors/client-files").resolve(name);
    }

    /** Copies a fixture into {@code dir} under {@code as}. */
    static void copyClientFile(String name, Path dir, String as) throws IOException {
        Files.copy(clientFile(name), dir.resolve(as), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A file of {@code size} bytes of seeded random content. */
    static Path randomFile(Path dir, String name, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }
}
