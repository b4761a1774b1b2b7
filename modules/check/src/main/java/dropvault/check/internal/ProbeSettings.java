package dropvault.check.internal;

import java.time.Duration;

/**
 * What {@code dropvault-check client} was asked.
 *
 * @param port     0 for any free port
 * @param sessions client runs (connections) to serve before the report
 * @param delay    how late the slow scenario answers
 * @param timeout  how long to wait for the client's next bytes
 */
public record ProbeSettings(int port, int sessions, Scenario scenario, Duration delay, Duration timeout, String provider) {
    public static ProbeSettings of(int port, int sessions, Scenario scenario) {
        return new ProbeSettings(port, sessions, scenario, Duration.ofMillis(2000), Duration.ofSeconds(10), "jdk");
    }

    public ProbeSettings withTimeout(Duration t) {
        return new ProbeSettings(port, sessions, scenario, delay, t, provider);
    }

    public ProbeSettings withDelay(Duration d) {
        return new ProbeSettings(port, sessions, scenario, d, timeout, provider);
    }
}
