package dropvault.storage.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code files.provider=data-folder}: received files under the data folder ({@link DataFolderFileArea}). */
public final class DataFolderFiles implements FileAreaProvider {
    public static final String NAME = "data-folder";
    private static final System.Logger LOG = System.getLogger("dropvault.server");

    @Override
    public String name() {
        return NAME;
    }

    /** The area, with the data folder and {@code files/} made owner-only where an earlier build left them open. */
    @Override
    public FileArea open(Path dataDir, Map<String, String> options) throws IOException {
        DataFolderFileArea area = new DataFolderFileArea(dataDir);
        List<Path> tightened = area.tighten();
        if (!tightened.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "made " + tightened + " owner-only: others could list the clients"
                    + " and their files");
        }
        return area;
    }
}
