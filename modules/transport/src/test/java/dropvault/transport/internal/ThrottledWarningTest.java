package dropvault.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledWarningTest {
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(10);

    /** Keeps what is logged. */
    private static final class Lines implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    @Test
    void aFloodBecomesOneLineAnIntervalWithTheCountOfTheRest() {
        Lines log = new Lines();
        AtomicLong now = new AtomicLong(1_000);
        ThrottledWarning warning = new ThrottledWarning(log, INTERVAL, now::get);

        warning.warn("refused a");
        for (int i = 0; i < 10_000; i++) {
            now.addAndGet(INTERVAL / 20_000);
            warning.warn("refused b" + i);
        }
        assertEquals(List.of("WARNING refused a"), log.lines);
        assertEquals(10_000, warning.suppressed());

        now.addAndGet(INTERVAL);
        warning.warn("refused c");
        assertEquals("WARNING refused c (and 10000 more like it since the last such line)", log.lines.get(1));
        assertEquals(0, warning.suppressed());

        now.addAndGet(INTERVAL);
        warning.warn("refused d");
        assertEquals(List.of("WARNING refused a", log.lines.get(1), "WARNING refused d"), log.lines);
    }
}
