package dropvault.storage.mapdb.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jpountz.xxhash.XXHashFactory;

/**
 * lz4 1.3.0 (MapDB hashes with it) copies its native library into {@code java.io.tmpdir} and deletes
 * the copy only at a normal exit, which a killed JVM never reaches. Once loaded, the library needs no
 * file: its copy is deleted as soon as the store first opens.
 */
final class Lz4NativeCopy {
    private static final String PREFIX = "liblz4-java";
    private static boolean done;

    private Lz4NativeCopy() {
    }

    static synchronized void deleteOnce() {
        if (done) {
            return;
        }
        done = true;
        // loads the native library now, if this JVM loads it at all
        XXHashFactory.fastestInstance();
        for (Path copy : mappedCopies()) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                // left for lz4's own delete at exit
            }
        }
    }

    /** The files this JVM mapped from lz4's copies in the temporary folder that are still there. */
    static List<Path> mappedCopies() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.filter(line -> line.indexOf('/') >= 0 && !line.endsWith("(deleted)"))
                    .map(line -> Path.of(line.substring(line.indexOf('/'))))
                    .filter(p -> tmp.equals(p.getParent()) && p.getFileName().toString().startsWith(PREFIX))
                    .distinct()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            // no /proc/self/maps (not Linux): lz4's own delete at exit is all there is
            return List.of();
        }
    }
}
