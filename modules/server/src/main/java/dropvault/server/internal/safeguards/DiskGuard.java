package dropvault.server.internal.safeguards;

import dropvault.server.FreeSpace;
import java.io.IOException;

/**
 * Keeps free space for the store: an upload is refused at its first packet when its declared size
 * does not fit above the reserve (with the uploads in flight counted at their declared sizes), and
 * while it arrives once the free space falls below the reserve.
 */
public final class DiskGuard {
    private final FreeSpace space;
    private final long reserve;
    private long claimed;

    public DiskGuard(FreeSpace space, long reserve) {
        this.space = space;
        this.reserve = reserve;
    }

    public long reserveBytes() {
        return reserve;
    }

    /** The free bytes now, -1 when they cannot be read. */
    public long freeBytes() {
        try {
            return space.usableBytes();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Claims {@code bytes} for an upload; null when they fit, else why not. */
    public synchronized String claim(long bytes) {
        long free = freeBytes();
        if (free < 0) {
            return "the free space of the data folder cannot be read";
        }
        if (free - claimed - bytes < reserve) {
            return "a file of " + bytes + " bytes does not fit: " + free + " bytes free, " + claimed
                    + " claimed by uploads in flight, " + reserve + " kept in reserve";
        }
        claimed += bytes;
        return null;
    }

    public synchronized void release(long bytes) {
        claimed = Math.max(0, claimed - bytes);
    }

    /** Null while the free space is above the reserve, else why the upload stops. */
    public String check() {
        long free = freeBytes();
        if (free < reserve) {
            return "the data folder's free space (" + free + " bytes) fell below the reserve of " + reserve + " bytes";
        }
        return null;
    }
}
