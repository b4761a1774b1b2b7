package dropvault.client.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MIB = 1 << 20;

    private static ProgressBar bar(ByteArrayOutputStream sink, AtomicLong now, AtomicInteger columns) {
        return new ProgressBar(new PrintStream(sink, true, StandardCharsets.UTF_8), now::get, columns::get);
    }

    @Test
    void showsBytesSpeedAndTimeLeft() {
        ProgressBar bar = bar(new ByteArrayOutputStream(), new AtomicLong(), new AtomicInteger(80));
        bar.start(100 * MIB);

        String line = bar.line(25 * MIB, 5_000_000_000L);

        assertEquals("[########                      ]     25.0 / 100.0 MiB      5.0 MiB/s  0:15 left", line);
    }

    @Test
    void redrawsAtMostEveryTenthOfASecondButAlwaysAtTheEnd() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = bar(sink, now, new AtomicInteger(200));
        bar.start(10 * MIB);
        for (int i = 1; i <= 10; i++) {
            now.addAndGet(10_000_000L);
            bar.update(i * MIB);
        }
        bar.finish();

        String text = sink.toString(StandardCharsets.UTF_8);
        assertEquals(2, text.chars().filter(c -> c == '\r').count(), text);
        assertEquals(List.of("[##############################]     10.0 / 10.0 MiB    100.0 MiB/s  0:00 left"),
                Screen.of(text));
    }

    @Test
    void hoursForLongTransfers() {
        ProgressBar bar = bar(new ByteArrayOutputStream(), new AtomicLong(), new AtomicInteger(80));
        bar.start(4096 * MIB);
        assertTrue(bar.line(MIB, 1_000_000_000L).endsWith("1:08:15 left"), bar.line(MIB, 1_000_000_000L));
    }

    /** The line once showed "0:01 leftt": a shorter line left the end of the longer one on the screen. */
    @Test
    void aShorterLineLeavesNothingOfTheLongerOne() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar = bar(sink, now, new AtomicInteger(120));
        bar.start(4096 * MIB);
        now.addAndGet(1_000_000_000L);
        bar.update(MIB);
        String longer = Screen.of(sink.toString(StandardCharsets.UTF_8)).getFirst();
        now.addAndGet(1_000_000_000L);
        bar.update(4096 * MIB);
        bar.finish();

        List<String> screen = Screen.of(sink.toString(StandardCharsets.UTF_8));
        assertEquals(1, screen.size(), screen::toString);
        assertTrue(screen.getFirst().length() < longer.length(), longer + " / " + screen);
        assertTrue(screen.getFirst().endsWith("0:00 left"), screen::toString);
    }

    @Test
    void everyLineFitsTheTerminalAtAnyWidth() {
        for (int width = 1; width <= 200; width++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            AtomicLong now = new AtomicLong();
            ProgressBar bar = bar(sink, now, new AtomicInteger(width));
            bar.start(4096 * MIB);
            for (long sent = 0; sent <= 4096 * MIB; sent += 512 * MIB) {
                now.addAndGet(200_000_000L);
                bar.update(sent);
            }
            bar.finish();
            String text = sink.toString(StandardCharsets.UTF_8);
            for (String drawn : text.split("[\r\n]")) {
                String visible = drawn.replace("\033[K", "");
                assertTrue(visible.length() < Math.max(width, 2), "width " + width + ": '" + visible + "'");
            }
            assertEquals(1, Screen.of(text).size(), "width " + width + " ends on one line: " + Screen.of(text));
            if (width >= 90) {
                assertTrue(Screen.of(text).getFirst().startsWith("[####"), "the whole line at " + width);
            } else if (width >= 28) {
                assertTrue(Screen.of(text).getFirst().endsWith("0:00 left"), width + ": " + Screen.of(text));
            } else if (width >= 6) {
                assertEquals("100%", Screen.of(text).getFirst(), "width " + width);
            }
        }
    }

    @Test
    void aMessageClearsTheLineAndTheNextUpdateDrawsItAgain() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(sink, true, StandardCharsets.UTF_8);
        AtomicLong now = new AtomicLong();
        ProgressBar bar = new ProgressBar(err, now::get, () -> 100);
        ConsoleListener listener = new ConsoleListener(err, err, false, bar);
        listener.transferStarted(1, 10 * MIB);
        now.addAndGet(1_000_000_000L);
        listener.progress(5 * MIB, 10 * MIB);
        listener.serverError("answered 1607");
        listener.transferStarted(2, 10 * MIB);
        now.addAndGet(1_000_000_000L);
        listener.progress(10 * MIB, 10 * MIB);
        listener.transferFinished();

        List<String> screen = Screen.of(sink.toString(StandardCharsets.UTF_8));
        assertEquals("sending 10485760 bytes of ciphertext", screen.get(0));
        assertEquals(ConsoleListener.SERVER_ERROR, screen.get(1), screen::toString);
        assertEquals("  (answered 1607)", screen.get(2));
        assertEquals("sending again (transfer 2): 10485760 bytes of ciphertext", screen.get(3));
        assertTrue(screen.get(4).endsWith("0:00 left"), screen::toString);
        assertEquals(5, screen.size(), screen::toString);
    }

    /** What a terminal shows for a text of lines, carriage returns and "erase to the end of the line". */
    static final class Screen {
        static List<String> of(String text) {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            int col = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r') {
                    col = 0;
                } else if (c == '\n') {
                    lines.add(line.toString());
                    line.setLength(0);
                    col = 0;
                } else if (text.startsWith("\033[K", i)) {
                    line.setLength(col);
                    i += 2;
                } else {
                    if (col < line.length()) {
                        line.setCharAt(col, c);
                    } else {
                        line.append(c);
                    }
                    col++;
                }
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
