package dropvault.benchmarks.archfixture;

/** Breaks BENCHMARKS_MEASURE_ONLY_PUBLIC_API. */
public class BenchmarkUsesStore {
    dropvault.storage.Store store;
}
