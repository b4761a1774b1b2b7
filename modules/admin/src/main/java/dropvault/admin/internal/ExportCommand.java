package dropvault.admin.internal;

import static dropvault.admin.internal.Records.size;

import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.PrintStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code export}: JSON lines, every client, then each of its files and their versions. */
final class ExportCommand {
    private final PrintStream out;

    ExportCommand(PrintStream out) {
        this.out = out;
    }

    int run(Store store, DataFolder folder, boolean withKeys) throws StoreException, AdminException {
        Base64.Encoder base64 = Base64.getEncoder();
        for (ClientRecord c : store.clients()) {
            Map<String, Object> client = new LinkedHashMap<>();
            client.put("type", "client");
            client.put("id", c.id().hex());
            client.put("name", c.name());
            client.put("last_seen", c.lastSeen().toString());
            client.put("has_key", c.publicKey().isPresent());
            client.put("key_bound", c.keyBound());
            if (withKeys) {
                client.put("public_key", c.publicKey().map(base64::encodeToString).orElse(null));
            }
            out.println(Json.object(client));
            for (FileRecord f : store.files(c.id())) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("type", "file");
                file.put("client", c.id().hex());
                file.put("name", f.fileName());
                file.put("path", f.pathName());
                file.put("verified", f.verified());
                file.put("bytes", size(folder, f.pathName()).stream().boxed().findFirst().orElse(null));
                file.put("cksum", f.cksum() == FileRecord.UNKNOWN ? null : f.cksum());
                out.println(Json.object(file));
                for (FileVersion v : store.versions(c.id(), f.fileName())) {
                    Map<String, Object> version = new LinkedHashMap<>();
                    version.put("type", "version");
                    version.put("client", c.id().hex());
                    version.put("name", v.fileName());
                    version.put("number", v.number());
                    version.put("path", v.pathName());
                    version.put("bytes", v.size() == FileRecord.UNKNOWN ? null : v.size());
                    version.put("cksum", v.cksum() == FileRecord.UNKNOWN ? null : v.cksum());
                    version.put("kept_at", v.keptAt().toString());
                    out.println(Json.object(version));
                }
            }
        }
        out.flush();
        return ExitStatus.OK.code();
    }
}
