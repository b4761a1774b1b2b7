package dropvault.check.internal;

import static dropvault.check.internal.UploadChecks.SIZES;
import static dropvault.check.internal.UploadChecks.sizeLabel;

import dropvault.protocol.Dialect;
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
    /** The report's dialect when no dialect of §8 completed a session. */
    static final Dialect NONE = new Dialect("none of §8", java.util.Set.of());

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
        if (suite.crc32) {
            check("crc-flavour", "§8", () -> Outcome.warn("the server puts zlib's CRC-32 of the file in 1603, not its"
                    + " cksum (§4): clients of the text send 901 three times, then 902"));
        }
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
        RetrievalChecks retrieval = new RetrievalChecks(suite);
        check("retrieval-offered", "§10", () -> haveClient ? retrieval.offered() : suite.skipped());
        if (Boolean.TRUE.equals(retrieval.offered)) {
            check("retrieval-list-get", "§10", retrieval::listAndGet);
            check("retrieval-version", "§10", retrieval::version);
            check("retrieval-not-available", "§10", retrieval::notAvailable);
            check("retrieval-wrong-key", "§10", retrieval::wrongKey);
        }
        check("sessions-" + suite.settings.sessions() + "-at-once", "§1",
                new ConcurrencyCheck(suite)::concurrentSessions);
        if (suite.settings.restartCommand().isPresent()) {
            check("restart-keeps-state", "§7", () -> haveClient ? new RestartCheck(suite).restart() : suite.skipped());
        }
        Target target = suite.target;
        // the suite ran in the text's dialect, but the report must not say the server speaks it
        Dialect reported = suite.dialectFound ? target.dialect() : NONE;
        return new Report("server", target.address(), new WireDialect(reported, DialectChecks.packetData(target)),
                results);
    }

    private void check(String name, String section, Body body) {
        String id = String.format(Locale.ROOT, "%02d-%s", ++seq, name);
        if (suite.stoppedAfter != null) {
            results.add(new CheckResult(id, section, Status.WARN, "not run: the server stopped answering after check "
                    + suite.stoppedAfter));
            return;
        }
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
        if (o.status() == Status.FAIL && !suite.answers()) {
            suite.stoppedAfter = id;
            o = new Outcome(Status.FAIL, o.evidence() + "; the server stopped answering after this check");
        }
        results.add(new CheckResult(id, section, o.status(), o.evidence()));
    }
}
