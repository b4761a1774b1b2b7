package dropvault.server;

import dropvault.server.internal.DataFolderFileArea;
import dropvault.server.spi.FileArea;
import java.io.IOException;
import java.nio.file.Path;

/** The file areas the server itself has. */
public final class FileAreas {
    private FileAreas() {
    }

    /** Received files under {@code dataDir}: {@code files/<client id hex>/<safe name>}, owner-only. */
    public static FileArea dataFolder(Path dataDir) throws IOException {
        return new DataFolderFileArea(dataDir);
    }
}
