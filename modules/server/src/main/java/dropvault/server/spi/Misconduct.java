package dropvault.server.spi;

/**
 * What a peer does wrong, reported through {@link Session#misconduct} (docs/SECURITY.md). What
 * guesses at a client's keys or identity adds penalty time to the source at once; a
 * {@linkplain #mistake() mistake}, which a buggy client makes too, costs the connection it happens
 * on and adds penalty time only beyond {@code limits.mistakes.per.minute} from one source. A 901 is
 * no misconduct, nor is a limit of the server.
 */
public enum Misconduct {
    /** An uploaded file did not decrypt to valid padding: a wrong key, or random ciphertext. */
    BAD_PADDING(false),
    /**
     * A message sealed with the connection's AES key (a request of an extension) did not open: a wrong
     * key, or a message changed on the way. Counted against the client like bad padding.
     */
    WRONG_KEY(false),
    /** 827 answered 1606: an id and name that do not belong together, or a client the server lost. */
    RECONNECT_REFUSED(false),
    /** 826 for a client this connection did not register, or one that holds a public key already. */
    KEY_EXCHANGE_REFUSED(false),
    /** A frame not finished, or never begun, within the idle timeout; an upload slower than the minimum rate. */
    STALLED(false),
    /** A frame the codec refuses: a bad header, a payload of the wrong size for its code. */
    MALFORMED_FRAME(true),
    /** A request the server refused: out of its turn, or breaking the protocol. */
    REQUEST_REFUSED(true);

    private final boolean mistake;

    Misconduct(boolean mistake) {
        this.mistake = mistake;
    }

    /** Whether this is a guess at a client's key, which also counts against the client from every source. */
    public boolean guessesKey() {
        return this == BAD_PADDING || this == WRONG_KEY;
    }

    /** Whether a client's bug may do this: tolerated from a source up to a rate. */
    public boolean mistake() {
        return mistake;
    }
}
