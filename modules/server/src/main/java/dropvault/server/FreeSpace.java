package dropvault.server;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the server reads the free space of its data folder; tests give their own (no full disk needed). */
public interface FreeSpace {
    /**
     * (Tests only) a system property naming a file that holds "usable total" in bytes, read at every
     * check instead of the file system's figures: for tests of the packaged server that cannot mount
     * a small file system (not root).
     */
    String SIMULATED_PROPERTY = "dropvault.test.freeSpaceFile";

    long usableBytes() throws IOException;

    long totalBytes() throws IOException;

    /** The figures in {@code file} ("usable total"), read at every call. */
    static FreeSpace simulated(Path file) {
        return new FreeSpace() {
            @Override
            public long usableBytes() throws IOException {
                return figure(0);
            }

            @Override
            public long totalBytes() throws IOException {
                return figure(1);
            }

            private long figure(int index) throws IOException {
                String[] parts = Files.readString(file).strip().split("\\s+");
                try {
                    return Long.parseLong(parts[index]);
                } catch (RuntimeException e) {
                    throw new IOException(file + " does not hold \"usable total\": " + e, e);
                }
            }
        };
    }

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
