package dropvault.metrics.archfixture;

/** Breaks METRICS_USES_ONLY_THE_SERVER_API_AND_PROMETHEUS: metrics would reach into the store. */
public class MetricsUsesStore {
    dropvault.storage.Store store;
}
