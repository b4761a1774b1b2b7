package dropvault.server;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the server reads the free space of its data folder; tests give their own (no full disk needed). */
public interface FreeSpace {
    long usableBytes() throws IOException;

    long totalBytes() throws IOException;

    /** The file system that holds {@code folder}. */
    static FreeSpace of(Path folder) throws IOException {
        FileStore store = Files.getFileStore(folder);
        return new FreeSpace() {
            @Override
            public long usableBytes() throws IOException {
                return store.getUsableSpace();
            }

            @Override
            public long totalBytes() throws IOException {
                return store.getTotalSpace();
            }
        };
    }
}
