import dropvault.server.Server;
import dropvault.server.ServerConfig;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Run by the hostile tests with the distribution's modules while no server runs: opens the store of
 * the data folder in args[0] and prints one line per client and per file (last seen left out).
 */
public class DumpStore {
    public static void main(String[] args) throws Exception {
        HexFormat hex = HexFormat.of();
        try (Store store = Server.openStore(ServerConfig.defaults().withDataDir(Path.of(args[0])))) {
            for (ClientRecord c : store.clients()) {
                System.out.println("client " + c.id().hex() + " name=" + hex.formatHex(c.name().getBytes())
                        + " publicKey=" + c.publicKey().map(hex::formatHex).orElse("-"));
                for (FileRecord f : store.files(c.id())) {
                    System.out.println("file " + f.clientId().hex() + " name="
                            + hex.formatHex(f.fileName().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            + " path=" + f.pathName() + " verified=" + f.verified());
                }
            }
        }
    }
}
