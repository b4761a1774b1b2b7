package dropvault.client;

import dropvault.testvectors.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/** Test files: the client files of the test vectors, copied, and random files. */
final class Fixtures {
    private Fixtures() {
    }

    /** Copies the client file {@code name} of the test vectors into {@code dir} under {@code as}. */
    static void copyClientFile(String name, Path dir, String as) throws IOException {
        Files.copy(Vectors.clientFile(name), dir.resolve(as), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A file of {@code size} bytes of seeded random content. */
    static Path randomFile(Path dir, String name, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }
}
