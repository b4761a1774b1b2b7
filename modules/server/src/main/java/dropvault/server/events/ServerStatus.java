package dropvault.server.events;

import java.util.OptionalLong;

/**
 * A running server's state at one moment, for gauges and readiness. Values a server does not track
 * (penalties, a disk reserve, versions, in builds without them) are empty.
 *
 * @param storeOpen       the store is open and answers a read
 * @param accepting       the listener accepts connections
 * @param connectionsOpen connections being served
 * @param uploadsInFlight uploads in progress
 * @param diskFreeBytes   usable space on the data folder's file system (empty when it cannot be read)
 * @param diskReserveBytes the space the server keeps free for its store (empty: no reserve configured)
 * @param penaltiesActive source addresses serving a penalty now
 * @param versionsKept    earlier contents of files kept as versions, over all clients
 */
public record ServerStatus(boolean storeOpen, boolean accepting, int connectionsOpen, int uploadsInFlight,
                           OptionalLong diskFreeBytes, OptionalLong diskReserveBytes, OptionalLong penaltiesActive,
                           OptionalLong versionsKept) {

    /** The free disk is above the reserve (true when there is no reserve or the free space is unknown). */
    public boolean diskReserveHolds() {
        return diskReserveBytes.isEmpty() || diskFreeBytes.isEmpty()
                || diskFreeBytes.getAsLong() > diskReserveBytes.getAsLong();
    }

    /** Ready to serve: the store is open, the disk reserve holds and the listener accepts. */
    public boolean ready() {
        return storeOpen && accepting && diskReserveHolds();
    }
}
