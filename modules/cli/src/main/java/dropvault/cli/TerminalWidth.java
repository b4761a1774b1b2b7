package dropvault.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The terminal's width in columns, for a {@link ProgressLine}: {@code COLUMNS} when the shell exports
 * it, else what {@code stty size} says of the controlling terminal, asked off the caller's thread
 * at the first draw and again whenever the window changes size (SIGWINCH); 80 until it is known.
 */
public final class TerminalWidth implements IntSupplier {
    public static final int DEFAULT = 80;

    private volatile int columns = DEFAULT;
    private volatile boolean asked;

    public static TerminalWidth ofEnvironment() {
        TerminalWidth w = new TerminalWidth();
        Integer fromEnv = parse(System.getenv("COLUMNS"));
        if (fromEnv != null) {
            w.columns = fromEnv;
            w.asked = true;
        }
        return w;
    }

    @Override
    public int getAsInt() {
        if (!asked) {
            asked = true;
            Thread.ofVirtual().name("terminal-width").start(this::ask);
            onResize();
        }
        return columns;
    }

    private void onResize() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"),
                    s -> Thread.ofVirtual().name("terminal-width").start(this::ask));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // no SIGWINCH here: the width stays what it was at the start
        }
    }

    private void ask() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String[] rowsAndColumns = out.split("\\s+");
                Integer c = rowsAndColumns.length == 2 ? parse(rowsAndColumns[1]) : null;
                if (c != null) {
                    columns = c;
                }
            }
        } catch (IOException e) {
            // no stty or no terminal: keep the width we have
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Integer parse(String s) {
        if (s == null || !s.matches("\\d{1,4}")) {
            return null;
        }
        int n = Integer.parseInt(s);
        return n >= 10 ? n : null;
    }
}
