package dropvault.server.spi;

/**
 * What a source address does wrong, reported through {@link Session#misconduct}: each adds penalty
 * time to the source (README, "Security"). A 901 is no misconduct, nor is a limit of the server.
 */
public enum Misconduct {
    /** An uploaded file did not decrypt to valid padding: a wrong key, or random ciphertext. */
    BAD_PADDING,
    /** 827 answered 1606: an id and name that do not belong together, or a client the server lost. */
    RECONNECT_REFUSED,
    /** A frame the codec refuses: a bad header, a payload of the wrong size for its code. */
    MALFORMED_FRAME,
    /** A request the server refused: out of its turn, for another client, or breaking the protocol. */
    REQUEST_REFUSED,
    /** A frame not finished, or never begun, within the idle timeout. */
    STALLED
}
