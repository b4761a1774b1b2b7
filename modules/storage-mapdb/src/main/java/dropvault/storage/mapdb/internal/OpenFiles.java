package dropvault.storage.mapdb.internal;

import dropvault.storage.OwnerOnly;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The store files this process has open: MapDB allows one handle per file. */
final class OpenFiles {
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private OpenFiles() {
    }

    /** Claims {@code file} (its folder is created, owner-only, if needed) and returns the canonical path to release later. */
    static Path claim(Path file) throws StoreException {
        Path canonical;
        try {
            Path dir = OwnerOnly.createFolders(file.toAbsolutePath().getParent()).toRealPath();
            canonical = dir.resolve(file.getFileName());
        } catch (IOException e) {
            throw new StoreException("cannot create the folder of the store " + file + ": " + e, e);
        }
        if (!OPEN.add(canonical)) {
            throw new dropvault.storage.StoreInUseException("the store " + canonical
                    + " is already open in this process; close it first");
        }
        return canonical;
    }

    static void release(Path canonical) {
        OPEN.remove(canonical);
    }
}
