package dropvault.storage.mapdb.archfixture;

/** Breaks STORAGE_MAPDB_USES_ONLY_STORAGE_AND_MAPDB. */
public class MapDbUsesServer {
    dropvault.server.spi.Session session;
}
