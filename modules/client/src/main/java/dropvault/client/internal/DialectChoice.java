package dropvault.client.internal;

import dropvault.client.UploadConfig;
import dropvault.client.UploadListener;
import dropvault.protocol.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * The dialect the requests go in: the configured one, or with {@code findDialect} the one that
 * worked with this server before (dialects.info) and then, one after the other, the named ones left.
 */
final class DialectChoice {
    private final UploadConfig config;
    private final KnownDialects knownDialects;
    private final List<Dialect> untried = new ArrayList<>();
    private Dialect current;

    DialectChoice(UploadConfig config) {
        this.config = config;
        this.knownDialects = new KnownDialects(config.clientDir());
        this.current = config.dialect();
        if (config.findDialect()) {
            current = knownDialects.lookUp(config.host(), config.port()).orElse(config.dialect());
            for (Dialect d : Dialect.TRIED) {
                if (!d.equals(current)) {
                    untried.add(d);
                }
            }
        }
    }

    Dialect current() {
        return current;
    }

    boolean anotherLeft() {
        return !untried.isEmpty();
    }

    /** Moves on to the next dialect left to try, and returns it. */
    Dialect next() {
        current = untried.removeFirst();
        return current;
    }

    /** Whether the server was found before to send zlib's CRC-32 in 1603 (dialects.info). */
    boolean knownCrc32() {
        return knownDialects.usesCrc32(config.host(), config.port());
    }

    /**
     * Notes the dialect that worked (with {@code findDialect}), on stderr only when it was not the first
     * tried, and whether the server sent zlib's CRC-32 in place of the cksum.
     */
    void found(UploadListener listener, boolean crc32) {
        if (!config.findDialect()) {
            return;
        }
        String found = "dialect " + current + " works with " + config.host() + ":" + config.port();
        // stderr only when it had to be found: a first try that works keeps stderr empty
        if (untried.size() + 1 < Dialect.TRIED.size()) {
            listener.dialect(found);
        } else {
            listener.info(found);
        }
        knownDialects.remember(config.host(), config.port(), current, crc32, listener);
    }
}
