package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The lines a logger (and its children) logs, as formatted messages, for a test to wait for. */
final class LogLines extends Handler implements AutoCloseable {
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Logger logger;

    private LogLines(Logger logger) {
        this.logger = logger;
    }

    /** Collects what {@code name} and the loggers below it log until closed. */
    static LogLines of(String name) {
        LogLines l = new LogLines(Logger.getLogger(name));
        l.logger.addHandler(l);
        return l;
    }

    /** The next line that starts with {@code prefix} (the ones before it are dropped), within 60 s. */
    String await(String prefix) throws InterruptedException {
        String line;
        do {
            line = lines.poll(60, TimeUnit.SECONDS);
            assertTrue(line != null, "no line starting with '" + prefix + "' within 60 s");
        } while (!line.startsWith(prefix));
        return line;
    }

    @Override
    public void publish(LogRecord r) {
        // the session line is logged with its fields as parameters
        lines.add(new java.util.logging.SimpleFormatter().formatMessage(r));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
