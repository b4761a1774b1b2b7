package dropvault.launcher.archfixture;

/** Breaks POSTGRESQL_STORE_REACHED_ONLY_THROUGH_SERVICE_LOADER. */
public class LauncherUsesPostgresStore {
    dropvault.storage.postgresql.internal.PostgresStoreProvider provider;
}
