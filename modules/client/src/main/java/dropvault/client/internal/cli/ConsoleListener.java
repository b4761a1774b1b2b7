package dropvault.client.internal.cli;

import dropvault.client.UploadListener;
import java.io.PrintStream;

/** Reports an upload on the console: steps on stdout, errors on stderr, the progress bar when asked for. */
final class ConsoleListener implements UploadListener {
    static final String SERVER_ERROR = "server responded with an error";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private final ProgressBar bar;

    /** {@code bar} is null when no progress bar is shown. */
    ConsoleListener(PrintStream out, PrintStream err, boolean quiet, ProgressBar bar) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.bar = bar;
    }

    @Override
    public void info(String message) {
        if (!quiet) {
            clearBar();
            out.println(message);
        }
    }

    @Override
    public void dialect(String message) {
        if (!quiet) {
            err.println(message);
        }
    }

    @Override
    public void serverError(String detail) {
        clearBar();
        err.println(SERVER_ERROR);
        if (!quiet) {
            err.println("  (" + detail + ")");
        }
    }

    @Override
    public void transferStarted(int attempt, long contentSize) {
        if (!quiet) {
            clearBar();
            out.println((attempt == 1 ? "sending " : "sending again (transfer " + attempt + "): ") + contentSize
                    + " bytes of ciphertext");
        }
        if (bar != null) {
            bar.start(contentSize);
        }
    }

    @Override
    public void receiving(long size) {
        if (!quiet) {
            clearBar();
            out.println("receiving " + size + " bytes");
        }
        if (bar != null) {
            bar.start(size);
        }
    }

    @Override
    public void progress(long sentBytes, long contentSize) {
        if (bar != null) {
            bar.update(sentBytes);
        }
    }

    @Override
    public void transferFinished() {
        if (bar != null) {
            bar.finish();
        }
    }

    /** A message gets a line of its own, not the end of the progress line. */
    private void clearBar() {
        if (bar != null) {
            bar.clear();
        }
    }
}
