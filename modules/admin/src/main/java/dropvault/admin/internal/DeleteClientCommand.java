package dropvault.admin.internal;

import static dropvault.admin.internal.Records.printable;

import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code delete-client}: the client's records, its versions and their files, for good. */
final class DeleteClientCommand {
    private final PrintStream out;

    DeleteClientCommand(PrintStream out) {
        this.out = out;
    }

    int run(Store store, DataFolder folder, ClientRecord client) throws StoreException, IOException, AdminException {
        List<FileRecord> files = store.files(client.id());
        int records = files.size();
        int versions = 0;
        for (FileRecord f : files) {
            versions += store.versions(client.id(), f.fileName()).size();
        }
        if (!store.deleteClient(client.id())) {
            throw new IllegalStateException("the client " + client.id().hex() + " vanished while it was deleted");
        }
        // after the records: a crash in between leaves bytes no record names, never a record without its bytes
        int removed = folder.files().deleteClient(client.id());
        out.println("deleted client " + printable(client.name()) + " (" + client.id().hex() + "): " + records
                + " file records, " + versions + " versions, " + removed + " files");
        return ExitStatus.OK.code();
    }
}
