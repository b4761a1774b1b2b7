package dropvault.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One way a client's requests differ from the text of PROTOCOL.md (§8, "requests, as clients send
 * them"). The one vocabulary of the server's detection, the client's options, the load tool and the
 * logs: each feature has a short wire name ({@link #label()}).
 */
public enum DialectFeature {
    /** Packets numbered from 0, not 1. */
    FROM_ZERO("from-0"),
    /** Every 828 payload padded to 1291 bytes, the last packet's data zero-filled past the content size. */
    PADDED_PAYLOADS("padded"),
    /** Each plaintext chunk encrypted on its own: a fresh zero IV and its own PKCS#7 padding. */
    PER_PACKET("per-packet"),
    /** With {@link #PER_PACKET}: the content size is this packet's ciphertext size, not the whole file's. */
    PACKET_CONTENT_SIZE("packet-size"),
    /** With {@link #PER_PACKET}: the last plaintext chunk zero-filled to a full chunk before encryption. */
    ZERO_FILLED("zero-filled"),
    /** One more packet after the last, all zeros. */
    EXTRA_PACKET("extra-packet"),
    /** Total packets at payload offset 8 and the packet number at 10. */
    SWAPPED("swapped"),
    /** 825 and 827 carry the name and one NUL only, not a 255-byte field. */
    UNPADDED_NAMES("unpadded-names"),
    /** A message written in several pieces: header, fixed fields, name and data apart. */
    SPLIT_WRITES("split-writes"),
    /** The whole file in one 828 (packet 1 of 1), whatever its size: payload size 267 + content size. */
    SINGLE_PACKET("single-packet");

    private final String label;

    DialectFeature(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<DialectFeature> ofLabel(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.label.equals(l)).findFirst();
    }
}
