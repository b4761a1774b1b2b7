package dropvault.check.internal;

import java.util.List;

/**
 * What a run found.
 *
 * @param mode    {@code server} or {@code client}
 * @param target  what was checked ({@code 127.0.0.1:1256}, or the port a client was served on)
 * @param dialect what the server needs or the client speaks; null when it could not be told
 * @param checks  in suite order
 */
public record Report(String mode, String target, WireDialect dialect, List<CheckResult> checks) {
    public Report {
        checks = List.copyOf(checks);
    }

    public long count(Status s) {
        return checks.stream().filter(c -> c.status() == s).count();
    }

    /** True when no check failed (warnings allowed) and there was something to check. */
    public boolean passed() {
        return !checks.isEmpty() && count(Status.FAIL) == 0;
    }
}
