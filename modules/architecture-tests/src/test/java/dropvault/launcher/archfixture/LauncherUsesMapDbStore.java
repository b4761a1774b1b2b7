package dropvault.launcher.archfixture;

/** Breaks MAPDB_STORE_REACHED_ONLY_THROUGH_SERVICE_LOADER. */
public class LauncherUsesMapDbStore {
    dropvault.storage.mapdb.internal.MapDbStoreProvider provider;
}
