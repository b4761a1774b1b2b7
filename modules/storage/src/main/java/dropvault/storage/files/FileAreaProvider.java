package dropvault.storage.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A file area, found with {@link java.util.ServiceLoader} by its {@link #name()} in {@code files.provider}
 * ({@code data-folder} is the embedded default); its options are the {@code files.NAME.*} keys. The
 * server and {@code dropvault-admin} open it the same way.
 */
public interface FileAreaProvider {

    /** What {@code files.provider} names it by. */
    String name();

    /** Opens the file area of a server whose data folder is {@code dataDir}. */
    FileArea open(Path dataDir, Map<String, String> options) throws IOException;
}
