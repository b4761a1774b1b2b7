package dropvault.server.spi;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * A file area other than the data folder, found with {@link java.util.ServiceLoader} by its
 * {@link #name()} in {@code files.provider}; its options are the {@code files.NAME.*} keys.
 */
public interface FileAreaProvider {

    /** What {@code files.provider} names it by. */
    String name();

    /**
     * Opens the file area, and removes what uploads of stopped servers left in it (nothing that a
     * running server wrote within {@code staleAfter}).
     */
    FileArea open(Map<String, String> options, Duration staleAfter) throws IOException;
}
