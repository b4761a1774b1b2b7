package dropvault.check.internal;

import dropvault.protocol.DialectFeature;
import java.util.Set;

/**
 * How the client mode's server departs from the text the way servers in the wild do (PROTOCOL.md
 * §8, "responses"). {@link #NONE} for {@code dropvault-check client}; the others make it a stand-in
 * for such a server, so the server suite can be shown to name each departure.
 *
 * @param needs               when not null, the exact dialect features an upload must have (extra
 *                            packets and split writes aside); any other upload is answered 1607
 * @param needsUnpaddedNames  825 and 827 must carry the name and one NUL only
 * @param fileReplyUnpadded   1603 carries the name unpadded (16 + 4 + len + 4)
 * @param fileReplyPlainSize  1603's content size is the plaintext size
 * @param thanksDeclared      the payload size 1604 declares (16; 0 sends none; 255 sends 16 of them)
 * @param answer901           901 answered with 1604 at once
 * @param empty1606           1606 with no payload
 * @param neverRefuse         a taken name registered again (no 1601)
 * @param wild                how it crashes or what else it sends, as servers of §8 do
 */
record Quirks(Set<DialectFeature> needs, boolean needsUnpaddedNames, boolean fileReplyUnpadded,
              boolean fileReplyPlainSize, int thanksDeclared, boolean answer901, boolean empty1606,
              boolean neverRefuse, Set<Wild> wild) {
    /** Departures of servers in the wild beyond the fields above. */
    enum Wild {
        /** 1603 carries zlib's CRC-32 of the file, not its cksum. */
        CRC32_IN_1603,
        /** An 827 from a client that never uploaded: its connection goes silent, never answered nor closed. */
        SILENT_ON_827_BEFORE_UPLOAD,
        /** 902: the connection goes silent, never answered nor closed. */
        SILENT_ON_902,
        /** 902: the whole server stops, and every later connection is refused. */
        DIES_ON_902,
        /** 1601 and 1606 carry a text explanation, not nothing and an id. */
        TEXT_IN_REFUSALS,
        /** After a request of an unknown code, every 1603 carries a wrong cksum: damage the bad input did. */
        DAMAGED_BY_UNKNOWN_CODE
    }

    static final Quirks NONE = new Quirks(null, false, false, false, 16, false, false, false, Set.of());

    static Quirks needing(Set<DialectFeature> features) {
        return new Quirks(Set.copyOf(features), false, false, false, 16, false, false, false, Set.of());
    }

    Quirks withUnpaddedNames() {
        return new Quirks(needs, true, fileReplyUnpadded, fileReplyPlainSize, thanksDeclared, answer901, empty1606, neverRefuse, wild);
    }

    Quirks withFileReplyUnpadded() {
        return new Quirks(needs, needsUnpaddedNames, true, fileReplyPlainSize, thanksDeclared, answer901, empty1606, neverRefuse, wild);
    }

    Quirks withFileReplyPlainSize() {
        return new Quirks(needs, needsUnpaddedNames, fileReplyUnpadded, true, thanksDeclared, answer901, empty1606, neverRefuse, wild);
    }

    Quirks withThanksDeclared(int n) {
        return new Quirks(needs, needsUnpaddedNames, fileReplyUnpadded, fileReplyPlainSize, n, answer901, empty1606, neverRefuse, wild);
    }

    Quirks withAnswer901() {
        return new Quirks(needs, needsUnpaddedNames, fileReplyUnpadded, fileReplyPlainSize, thanksDeclared, true, empty1606, neverRefuse, wild);
    }

    Quirks withEmpty1606() {
        return new Quirks(needs, needsUnpaddedNames, fileReplyUnpadded, fileReplyPlainSize, thanksDeclared, answer901, true, neverRefuse, wild);
    }

    Quirks withNeverRefuse() {
        return new Quirks(needs, needsUnpaddedNames, fileReplyUnpadded, fileReplyPlainSize, thanksDeclared, answer901, empty1606, true, wild);
    }

    Quirks with(Wild w) {
        java.util.EnumSet<Wild> all = java.util.EnumSet.of(w);
        all.addAll(wild);
        return new Quirks(needs, needsUnpaddedNames, fileReplyUnpadded, fileReplyPlainSize, thanksDeclared, answer901,
                empty1606, neverRefuse, Set.copyOf(all));
    }

    boolean has(Wild w) {
        return wild.contains(w);
    }
}
