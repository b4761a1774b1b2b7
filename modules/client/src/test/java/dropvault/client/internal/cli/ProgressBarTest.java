package dropvault.client.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MIB = 1 << 20;

    @Test
    void showsBytesSpeedAndTimeLeft() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), () -> 0);
        bar.start(100 * MIB);

        String line = bar.line(25 * MIB, 5_000_000_000L);

        assertEquals("[########                      ]     25.0 / 100.0 MiB      5.0 MiB/s  0:15 left", line);
    }

    @Test
    void redrawsAtMostEveryTenthOfASecondButAlwaysAtTheEnd() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(new PrintStream(sink, true, StandardCharsets.UTF_8), now::get);
        bar.start(10 * MIB);
        for (int i = 1; i <= 10; i++) {
            now.addAndGet(10_000_000L);
            bar.update(i * MIB);
        }
        bar.finish();

        String text = sink.toString(StandardCharsets.UTF_8);
        assertEquals(2, text.chars().filter(c -> c == '\r').count(), text);
        assertTrue(text.endsWith("10.0 / 10.0 MiB    100.0 MiB/s  0:00 left\n"), text);
    }

    @Test
    void hoursForLongTransfers() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), () -> 0);
        bar.start(4096 * MIB);
        assertTrue(bar.line(MIB, 1_000_000_000L).endsWith("1:08:15 left"), bar.line(MIB, 1_000_000_000L));
    }
}
