package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a store leaves no copy of lz4's native library in the temporary folder for a kill to strand. */
class Lz4NativeCopyTest {
    @TempDir
    Path dir;

    @Test
    void theNativeLibraryIsLoadedFromACopyThatIsGoneOnceAStoreIsOpen() throws Exception {
        MapDbStore.open(dir.resolve("store.db"), CommitFault.NONE, 1_000_000_000L).close();

        List<String> mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(line -> line.contains("/liblz4-java")).toList();
        assertTrue(!mapped.isEmpty(), "lz4's native library is not loaded in this JVM");
        assertTrue(mapped.stream().allMatch(line -> line.endsWith("(deleted)")), String.join("\n", mapped));
        assertEquals(List.of(), Lz4NativeCopy.mappedCopies());
    }
}
