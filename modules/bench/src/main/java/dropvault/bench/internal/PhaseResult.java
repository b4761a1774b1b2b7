package dropvault.bench.internal;

import java.util.Arrays;

/** What one timed phase measured: latencies of the sessions that succeeded, bytes, wall time. */
record PhaseResult(long[] latencyNanos, long bytes, long elapsedNanos) {

    PhaseResult {
        latencyNanos = latencyNanos.clone();
        Arrays.sort(latencyNanos);
    }

    int succeeded() {
        return latencyNanos.length;
    }

    double seconds() {
        return elapsedNanos / 1e9;
    }

    double sessionsPerSecond() {
        return succeeded() / seconds();
    }

    /** Plaintext megabytes (10^6 bytes) a second. */
    double megabytesPerSecond() {
        return bytes / 1e6 / seconds();
    }

    /** The latency at quantile {@code q} (0 to 1), nearest rank, in milliseconds; 0 when nothing succeeded. */
    double percentileMillis(double q) {
        if (latencyNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * latencyNanos.length);
        return latencyNanos[Math.clamp(rank - 1, 0, latencyNanos.length - 1)] / 1e6;
    }

    double maxMillis() {
        return latencyNanos.length == 0 ? 0 : latencyNanos[latencyNanos.length - 1] / 1e6;
    }
}
