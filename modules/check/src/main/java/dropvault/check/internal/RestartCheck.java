package dropvault.check.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeUnit;

/** The state a server keeps across a restart (§7): {@code --restart-command}, then a reconnect of the client registered before. */
final class RestartCheck {
    private final SuiteContext suite;

    RestartCheck(SuiteContext suite) {
        this.suite = suite;
    }

    Outcome restart() throws Exception {
        String cmd = suite.settings.restartCommand().orElseThrow();
        Process p = new ProcessBuilder("sh", "-c", cmd).inheritIO().start();
        long limit = suite.settings.timeout().toMillis() * 6;
        if (!p.waitFor(limit, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new CheckFailure("--restart-command did not finish within " + limit + " ms");
        }
        if (p.exitValue() != 0) {
            throw new CheckFailure("--restart-command exited " + p.exitValue());
        }
        // the server may take a moment to listen again: bounded retries of the connect
        long deadline = System.nanoTime() + suite.settings.timeout().toNanos() * 3;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Session s = Session.open(suite.target)) {
                s.reconnect(suite.mainName, suite.mainId, suite.keys);
                return Outcome.pass("after the restart, 827 of the client registered before → 1605");
            } catch (ConnectException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new CheckFailure("the server did not listen again after the restart: " + (last == null ? "" : last.getMessage()));
    }
}
