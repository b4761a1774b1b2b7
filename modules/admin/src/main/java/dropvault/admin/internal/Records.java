package dropvault.admin.internal;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** What the commands share about the store's records: the client a command line names, where a file is, printable names. */
final class Records {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}]");

    private Records() {
    }

    /** A client by its 32 hex digits of id, else by name. */
    static ClientRecord client(Store store, String nameOrId) throws StoreException, AdminException {
        if (nameOrId.length() == 32 && nameOrId.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            Optional<ClientRecord> byId = store.client(ClientId.fromHex(nameOrId));
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        return store.clientByName(nameOrId).orElseThrow(() -> new AdminException(ExitStatus.NO_SUCH_CLIENT,
                "no client named or numbered '" + printable(nameOrId) + "'"));
    }

    /** Where the record's file is, when that is inside the data folder. */
    static Optional<Path> resolve(DataFolder folder, String pathName) {
        try {
            Path base = folder.dir().toAbsolutePath().normalize();
            Path p = base.resolve(pathName).normalize();
            return p.startsWith(base) && !p.equals(base) ? Optional.of(p) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    static OptionalLong size(DataFolder folder, String pathName) {
        Optional<Path> p = resolve(folder, pathName);
        if (p.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Files.size(p.get()));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The path name a record holds for {@code path}: relative to the data folder, with '/'. */
    static String relative(DataFolder folder, Path path) {
        Path base = folder.dir().toAbsolutePath().normalize();
        return base.relativize(path.toAbsolutePath().normalize()).toString().replace(path.getFileSystem()
                .getSeparator(), "/");
    }

    /** Text from the wire (names) with control characters as '?', so it cannot break a line or a terminal. */
    static String printable(String s) {
        return CONTROL.matcher(s).replaceAll("?");
    }
}
