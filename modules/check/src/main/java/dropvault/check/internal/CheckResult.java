package dropvault.check.internal;

import java.util.Objects;

/**
 * One line of a report.
 *
 * @param id       stable name of the check ({@code 03-register-taken-name}), numbered in suite order
 * @param section  the PROTOCOL.md section it tests ({@code §5})
 * @param status   pass, warn or fail
 * @param evidence one line: what was seen (the code, the first bytes that differ, the timeout hit)
 */
public record CheckResult(String id, String section, Status status, String evidence) {
    public CheckResult {
        Objects.requireNonNull(id);
        Objects.requireNonNull(section);
        Objects.requireNonNull(status);
        evidence = evidence == null ? "" : evidence.replace('\n', ' ').replace('\r', ' ');
    }
}
