package dropvault.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The admin tool's progress line: redrawn in place with what was left after it erased, at any width. */
class ProgressBarTest {
    private static final long MIB = 1 << 20;

    @Test
    void eachRedrawReturnsWritesALineThatFitsAndErasesTheRest() {
        for (int width : new int[] {1, 10, 30, 50, 79, 80, 120}) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            AtomicLong now = new AtomicLong();
            ProgressBar bar = new ProgressBar(new PrintStream(sink, true, StandardCharsets.UTF_8), now::get,
                    () -> width, 3, 300 * MIB);
            for (int files = 0; files <= 3; files++) {
                now.addAndGet(1_000_000_000L);
                bar.update(files, files * 100 * MIB);
            }
            bar.finish();
            String text = sink.toString(StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\n"), "the line ends: " + text);
            String[] redraws = text.substring(0, text.length() - 1).split("\r", -1);
            assertEquals(5, redraws.length, "four redraws after the first return: " + text);
            for (int i = 1; i < redraws.length; i++) {
                assertTrue(redraws[i].endsWith("\033[K"), "the rest of a longer line is erased: " + redraws[i]);
                String visible = redraws[i].replace("\033[K", "");
                assertTrue(visible.length() < Math.max(width, 2), "width " + width + ": '" + visible + "'");
            }
        }
    }

    @Test
    void theLongestFormThatFits() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), () -> 0, () -> 200, 4, 400 * MIB);
        String full = bar.line(1, 100 * MIB, 2_000_000_000L);
        assertEquals("[########                      ] 1/4 files  100.0 / 400.0 MiB  50.0 MiB/s", full);
        assertEquals(full, bar.fit(1, 100 * MIB, 2_000_000_000L, full.length()));
        assertEquals("1/4 files  100.0 / 400.0 MiB  50.0 MiB/s", bar.fit(1, 100 * MIB, 2_000_000_000L, 60));
        assertEquals("1/4 files 50.0 MiB/s", bar.fit(1, 100 * MIB, 2_000_000_000L, 25));
        assertEquals("1/4 f", bar.fit(1, 100 * MIB, 2_000_000_000L, 5));
    }
}
