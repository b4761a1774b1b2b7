package dropvault.client;

import java.time.Duration;

/**
 * How long a client looking for a server's dialect waits for an answer. Servers in the wild that
 * crash on what they do not expect go silent without closing the connection (PROTOCOL.md §8): while
 * the dialect is not found, a server that sends nothing within {@link #allowedMillis} of a request
 * has answered, and all silent tries of one search together get {@link #searchMillis}. Both grow
 * with the file, since a server computes its cksum after the last packet.
 *
 * @param base          the wait for an answer to a small request or file
 * @param search        all silent tries of one search, for a small file
 * @param bytesPerSecond how fast a server is assumed to take in a file after its last packet: a file
 *                      of n bytes adds n / bytesPerSecond to both
 * @param signal        decides, while nothing has arrived, whether the silence is the answer
 */
public record AnswerWait(Duration base, Duration search, long bytesPerSecond, SilenceSignal signal) {
    /** 2 s a try, 20 s a search, each plus a second for every 25 MB of the file. */
    public static final AnswerWait DEFAULT = new AnswerWait(Duration.ofSeconds(2), Duration.ofSeconds(20),
            25_000_000L, SilenceSignal.ELAPSED);

    /** Asked again and again while no byte of an answer has arrived. */
    @FunctionalInterface
    public interface SilenceSignal {
        /** The clock's: silent once the whole allowed wait has passed. */
        SilenceSignal ELAPSED = (waitedMillis, allowedMillis) -> waitedMillis >= allowedMillis;

        /** Whether the server, silent for {@code waitedMillis} of the {@code allowedMillis} a try has, has answered. */
        boolean silent(long waitedMillis, long allowedMillis);
    }

    public AnswerWait {
        if (base.isNegative() || base.isZero() || search.isNegative() || bytesPerSecond <= 0) {
            throw new IllegalArgumentException("an answer wait needs a positive base, a search bound and a rate");
        }
        java.util.Objects.requireNonNull(signal, "signal");
    }

    /** The wait for an answer after a request that carried {@code contentSize} bytes of a file. */
    public long allowedMillis(long contentSize) {
        return base.toMillis() + contentSize * 1000 / bytesPerSecond;
    }

    /** What all silent tries of one search may cost together, for a file of {@code contentSize} bytes. */
    public long searchMillis(long contentSize) {
        return search.toMillis() + contentSize * 1000 / bytesPerSecond * 4;
    }

    /** The same waits, silence decided by {@code s}. */
    public AnswerWait withSignal(SilenceSignal s) {
        return new AnswerWait(base, search, bytesPerSecond, s);
    }
}
