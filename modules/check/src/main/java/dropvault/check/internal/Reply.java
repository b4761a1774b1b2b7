package dropvault.check.internal;

import java.util.HexFormat;

/**
 * One response as it came: the header's fields and the payload bytes read.
 *
 * @param version  the version byte
 * @param code     the response code
 * @param declared the payload size the header declares
 * @param payload  the payload bytes read (fewer than declared only for a 1604 that declares more than 16)
 */
public record Reply(int version, int code, long declared, byte[] payload) {
    public String describe() {
        return code + " (" + declared + " payload bytes" + (payload.length != declared ? ", " + payload.length + " read" : "")
                + (payload.length == 0 ? "" : ": " + Hex.head(payload, 8)) + ")";
    }

    /** The payload as text, when it is all printable ASCII (some servers explain 1601 and 1606 in words, §8); else null. */
    String text() {
        if (payload.length == 0) {
            return null;
        }
        for (byte b : payload) {
            if (b < 0x20 || b > 0x7E) {
                return null;
            }
        }
        return new String(payload, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Hex of the first bytes of an array, for evidence. */
    static final class Hex {
        private Hex() {
        }

        static String head(byte[] b, int max) {
            int n = Math.min(b.length, max);
            String s = HexFormat.ofDelimiter(" ").formatHex(b, 0, n);
            return b.length > n ? s + " ..." : s;
        }

        static String at(byte[] b, int from, int max) {
            int n = Math.min(b.length - from, max);
            return n <= 0 ? "" : HexFormat.ofDelimiter(" ").formatHex(b, from, from + n);
        }
    }
}
