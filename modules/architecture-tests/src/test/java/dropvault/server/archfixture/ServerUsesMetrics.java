package dropvault.server.archfixture;

/** Breaks ONLY_THE_LAUNCHER_USES_METRICS: the server would depend on who listens to it. */
public class ServerUsesMetrics {
    dropvault.metrics.ServerMetrics metrics;
}
