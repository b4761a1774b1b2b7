package dropvault.check.internal;

import static dropvault.check.internal.UploadChecks.SIZES;
import static dropvault.check.internal.UploadChecks.sizeLabel;

import dropvault.protocol.DialectFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dropvault-check server}: the fixed, numbered suite. Each check names the PROTOCOL.md section
 * it tests and ends in pass, warn or fail with one line of evidence. The first checks find the
 * dialect the server needs; the rest run in it. The checks live in one class a group, sharing a
 * {@link SuiteContext}; this class runs them in order.
 */
public final class ServerSuite {
    private final SuiteContext suite;
    private final List<CheckResult> results = new ArrayList<>();
    private int seq;

    @FunctionalInterface
    private interface Body {
        Outcome run() throws Exception;
    }

    public ServerSuite(ServerSettings settings) {
        this.suite = new SuiteContext(settings);
    }

    public Report run() {
        RegistrationChecks registration = new RegistrationChecks(suite);
        ReconnectionChecks reconnection = new ReconnectionChecks(suite);
        DialectChecks dialect = new DialectChecks(suite);
        UploadChecks uploads = new UploadChecks(suite);
        BadInputChecks bad = new BadInputChecks(suite);
        check("register", "§5", registration::register);
        check("register-taken-name", "§5", registration::takenName);
        check("register-name-1-char", "§1", registration::shortestName);
        check("register-name-254-chars", "§1", registration::longestName);
        check("public-key", "§4", registration::publicKey);
        boolean haveClient = suite.mainId != null && results.getLast().status() != Status.FAIL;
        check("reconnect", "§5", () -> haveClient ? reconnection.reconnect() : suite.skipped());
        check("reconnect-wrong-id", "§5", () -> haveClient ? reconnection.wrongId() : suite.skipped());
        check("reconnect-unknown-name", "§5", reconnection::unknownName);
        check("after-1606-register", "§5", reconnection::after1606Register);
        check("after-1606-public-key", "§5", reconnection::after1606PublicKey);
        check("dialect", "§8", () -> haveClient ? dialect.findDialect() : suite.skipped());
        for (DialectFeature f : suite.target.dialect().features()) {
            check("needs-" + f.label(), "§8", () -> DialectChecks.needs(f));
        }
        for (long size : SIZES) {
            check("upload-" + sizeLabel(size), "§2", () -> haveClient ? uploads.uploadOf(size) : suite.skipped());
        }
        check("1603-fields", "§3", () -> haveClient ? uploads.fileReplyFields() : suite.skipped());
        check("900-1604", "§5", () -> haveClient ? uploads.confirm() : suite.skipped());
        check("901-resend", "§5", () -> haveClient ? uploads.resend() : suite.skipped());
        check("902-abandon", "§5", () -> haveClient ? uploads.abandon() : suite.skipped());
        check("split-writes", "§1", () -> haveClient ? uploads.splitWrites() : suite.skipped());
        check("bad-unknown-code", "§1", () -> bad.badInput(bad::unknownCode));
        check("bad-oversized-header", "§1", () -> bad.badInput(bad::oversized));
        check("bad-truncated-frame", "§1", () -> bad.badInput(bad::truncated));
        check("bad-public-key", "§4", () -> bad.badInput(bad::badPublicKey));
        check("bad-packet-without-key", "§5", () -> bad.badInput(bad::packetWithoutKey));
        check("bad-padding", "§4", () -> haveClient ? bad.badInput(bad::badPadding) : suite.skipped());
        check("sessions-" + suite.settings.sessions() + "-at-once", "§1",
                new ConcurrencyCheck(suite)::concurrentSessions);
        if (suite.settings.restartCommand().isPresent()) {
            check("restart-keeps-state", "§7", () -> haveClient ? new RestartCheck(suite).restart() : suite.skipped());
        }
        Target target = suite.target;
        return new Report("server", target.address(), new WireDialect(target.dialect(),
                DialectChecks.packetData(target)), results);
    }

    private void check(String name, String section, Body body) {
        String id = String.format(Locale.ROOT, "%02d-%s", ++seq, name);
        Outcome o;
        try {
            o = body.run();
        } catch (CheckFailure e) {
            o = new Outcome(Status.FAIL, e.getMessage());
        } catch (IOException e) {
            o = new Outcome(Status.FAIL, SuiteContext.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            o = new Outcome(Status.FAIL, "interrupted");
        } catch (Exception e) {
            o = new Outcome(Status.FAIL, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        results.add(new CheckResult(id, section, o.status(), o.evidence()));
    }
}
