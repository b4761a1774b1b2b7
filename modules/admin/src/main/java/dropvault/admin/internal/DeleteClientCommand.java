package dropvault.admin.internal;

import static dropvault.admin.internal.Records.printable;

import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** {@code delete-client}: the client's records, its versions and their files, for good. */
final class DeleteClientCommand {
    private final PrintStream out;

    DeleteClientCommand(PrintStream out) {
        this.out = out;
    }

    int run(Store store, DataFolder folder, ClientRecord client) throws StoreException, IOException {
        List<FileRecord> files = store.files(client.id());
        int records = files.size();
        int versions = 0;
        for (FileRecord f : files) {
            versions += store.versions(client.id(), f.fileName()).size();
        }
        if (!store.deleteClient(client.id())) {
            throw new IllegalStateException("the client " + client.id().hex() + " vanished while it was deleted");
        }
        // files/<id>/ holds .versions/ too; after the records: a crash in between leaves files no record
        // names, never a record without its file
        Path own = folder.dir().resolve("files").resolve(client.id().hex());
        int removed = 0;
        if (Files.isDirectory(own)) {
            try (Stream<Path> s = Files.walk(own)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    if (Files.isRegularFile(p)) {
                        removed++;
                    }
                    Files.delete(p);
                }
            }
        }
        out.println("deleted client " + printable(client.name()) + " (" + client.id().hex() + "): " + records
                + " file records, " + versions + " versions, " + removed + " files");
        return ExitStatus.OK.code();
    }
}
