package dropvault.storage;

import dropvault.protocol.ClientId;

/**
 * A received file (PROTOCOL.md §7): the name the client gave, where it is stored (relative to the
 * data folder) and whether its cksum was confirmed.
 */
public record FileRecord(ClientId clientId, String fileName, String pathName, boolean verified) {
}
