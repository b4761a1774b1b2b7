package dropvault.check.internal;

import static dropvault.check.internal.SuiteContext.REGISTERED;
import static dropvault.check.internal.SuiteContext.THANKS;
import static dropvault.check.internal.UploadChecks.sizeLabel;

import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code --sessions} whole sessions at once (§1), all connected before any of them sends a request. */
final class ConcurrencyCheck {
    private final SuiteContext suite;

    ConcurrencyCheck(SuiteContext suite) {
        this.suite = suite;
    }

    Outcome concurrentSessions() throws Exception {
        int n = suite.settings.sessions();
        CountDownLatch connected = new CountDownLatch(n);
        long size = Math.min(64 * 1024, suite.settings.maxUpload());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = suite.newName();
                Plaintext p = suite.plaintext(size);
                runs.add(pool.submit(() -> {
                    try (Session s = Session.open(suite.target)) {
                        connected.countDown();
                        // all connections open before any request: the sessions overlap for sure
                        if (!connected.await(suite.settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                            return "not every connection opened within the timeout";
                        }
                        CheckFailure.expect(s.register(name), REGISTERED, 16);
                        s.sendKey(name, suite.keys);
                        NameField file = NameField.of("concurrent.bin");
                        FileReply f = FileReply.of(s.upload(p, file));
                        if (!suite.sumMatches(f.cksum(), p)) {
                            return "cksum " + f.cksum() + " != " + p.cksum();
                        }
                        Reply t = s.verdict(CrcReport.Verdict.MATCHED, file);
                        return t.code() == THANKS ? null : "900 → " + t.describe();
                    } catch (IOException e) {
                        return SuiteContext.describe(e);
                    } catch (CheckFailure e) {
                        return e.getMessage();
                    }
                }));
            }
            List<String> failed = new ArrayList<>();
            long deadline = System.nanoTime() + suite.settings.timeout().toNanos() * 4;
            for (Future<String> f : runs) {
                String problem;
                try {
                    problem = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    problem = "did not finish within " + 4 * suite.settings.timeout().toSeconds() + " s";
                }
                if (problem != null) {
                    failed.add(problem);
                }
            }
            if (!failed.isEmpty()) {
                throw new CheckFailure(failed.size() + " of " + n + " sessions failed, e.g. " + failed.getFirst());
            }
            return Outcome.pass(n + " sessions at once (825, 826, " + sizeLabel(size) + " upload, 900): all confirmed");
        }
    }
}
