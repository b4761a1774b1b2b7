package dropvault.launcher;

import dropvault.server.FileAreas;
import dropvault.server.spi.FileArea;
import dropvault.server.testkit.FileAreaContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The data folder passes the file-area contract. */
class DataFolderFileAreaContractTest extends FileAreaContract {
    @TempDir
    Path dir;

    @Override
    protected FileArea area() throws Exception {
        return FileAreas.dataFolder(Files.createTempDirectory(dir, "data"));
    }
}
