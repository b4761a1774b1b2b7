package dropvault.server;

/** What the safeguards of a running server are doing, for metrics. Every getter is cheap but penalizedSources. */
public interface SafeguardFigures {
    /** Sources penalized now (walks the penalty table). */
    int penalizedSources();

    /** Penalty events counted since the start. */
    long penaltyEvents();

    /** Connections closed at accept (or before a request) because their source was penalized. */
    long connectionsTurnedAway();

    /** Registrations answered 1601 for a limit (per source or max.clients). */
    long registrationsRefused();

    /** Uploads refused for the disk reserve or a quota. */
    long uploadsRefusedForDisk();

    /** Free bytes of the data folder's file system now, -1 when unknown. */
    long freeDiskBytes();

    /** Bytes the server keeps free there. */
    long diskReserveBytes();

    /** Versions kept by confirmed uploads since the start. */
    long versionsKept();

    /** Versions dropped under the version policy since the start. */
    long versionsDropped();

    /** Connections closed at accept because their source held its share ({@code limits.connections.per.source}). */
    long connectionsOverShare();

    /** Connections without a key exchange closed to make room for a new one ({@code limits.connections.unkeyed.percent}). */
    long unkeyedConnectionsClosed();

    /** Uploads refused (1607) because their source or client held its share of upload slots. */
    long uploadsOverShare();

    /** Uploads dropped for arriving slower than {@code limits.upload.min.bytes.per.second}. */
    long uploadsTooSlow();
}
