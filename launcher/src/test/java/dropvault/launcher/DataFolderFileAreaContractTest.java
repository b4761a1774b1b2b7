package dropvault.launcher;

import dropvault.storage.contract.FileAreaContract;
import dropvault.storage.files.DataFolderFileArea;
import dropvault.storage.files.FileArea;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The data folder passes the file-area contract. */
class DataFolderFileAreaContractTest extends FileAreaContract {
    @TempDir
    Path dir;

    @Override
    protected FileArea area() throws Exception {
        return new DataFolderFileArea(Files.createTempDirectory(dir, "data"));
    }
}
