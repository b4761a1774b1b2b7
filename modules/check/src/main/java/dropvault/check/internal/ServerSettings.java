package dropvault.check.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@code dropvault-check server} was asked.
 *
 * @param maxUpload      the largest upload of the size checks (100 MiB by default); larger ones are not run
 * @param sessions       sessions of the concurrency check
 * @param restartCommand a shell command that restarts the server, for the state check
 */
public record ServerSettings(String host, int port, Duration timeout, String provider, long maxUpload, int sessions,
                             Optional<String> restartCommand) {
    public static final long DEFAULT_MAX_UPLOAD = 100L << 20;
    public static final int DEFAULT_SESSIONS = 16;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static ServerSettings of(String host, int port) {
        return new ServerSettings(host, port, DEFAULT_TIMEOUT, "jdk", DEFAULT_MAX_UPLOAD, DEFAULT_SESSIONS, Optional.empty());
    }

    public ServerSettings withTimeout(Duration t) {
        return new ServerSettings(host, port, t, provider, maxUpload, sessions, restartCommand);
    }

    public ServerSettings withMaxUpload(long bytes) {
        return new ServerSettings(host, port, timeout, provider, bytes, sessions, restartCommand);
    }

    public ServerSettings withRestartCommand(String cmd) {
        return new ServerSettings(host, port, timeout, provider, maxUpload, sessions, Optional.of(cmd));
    }
}
