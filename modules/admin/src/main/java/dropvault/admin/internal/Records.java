package dropvault.admin.internal;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** What the commands share about the store's records: the client a command line names, a file's size, printable names. */
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

    /** The size of the bytes a record names, as the file area holds them; empty when they are missing or unreadable. */
    static OptionalLong size(DataFolder folder, String pathName) throws AdminException {
        try {
            return OptionalLong.of(folder.files().size(pathName));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** Text from the wire (names) with control characters as '?', so it cannot break a line or a terminal. */
    static String printable(String s) {
        return CONTROL.matcher(s).replaceAll("?");
    }
}
