package dropvault.protocol;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The payload sizes each request code may declare. The decoder checks a header against these
 * before it allocates anything, and a code with no entry is unknown.
 */
public final class FrameLimits {

    /** Inclusive bounds of a payload size. */
    public record SizeRange(long min, long max) {
        public SizeRange {
            if (min < 0 || max < min || max > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("bad size range " + min + ".." + max);
            }
        }

        public static SizeRange exactly(long size) {
            return new SizeRange(size, size);
        }
    }

    private final Map<Integer, SizeRange> ranges;

    private FrameLimits(Map<Integer, SizeRange> ranges) {
        this.ranges = Map.copyOf(ranges);
    }

    /**
     * The codes of PROTOCOL.md §2, with 828 carrying at most {@code maxPacketData} ciphertext bytes
     * (never less than the 1024 of the padded dialect).
     */
    public static FrameLimits standard(int maxPacketData) {
        if (maxPacketData < Protocol.DEFAULT_PACKET_DATA) {
            throw new IllegalArgumentException("packets must be allowed at least 1024 data bytes");
        }
        Map<Integer, SizeRange> m = new TreeMap<>();
        SizeRange name = SizeRange.exactly(Protocol.NAME_SIZE);
        // PROTOCOL.md §8: a client sends 825 and 827 with the name and one NUL only
        SizeRange shortName = new SizeRange(1, Protocol.NAME_SIZE);
        m.put(RequestCode.REGISTER.code(), shortName);
        m.put(RequestCode.PUBLIC_KEY.code(), SizeRange.exactly(Protocol.NAME_SIZE + Protocol.PUBLIC_KEY_SIZE));
        m.put(RequestCode.RECONNECT.code(), shortName);
        m.put(RequestCode.FILE_PACKET.code(),
                new SizeRange(Protocol.PACKET_HEADER_SIZE + 1L, (long) Protocol.PACKET_HEADER_SIZE + maxPacketData));
        m.put(RequestCode.CRC_OK.code(), name);
        m.put(RequestCode.CRC_RETRY.code(), name);
        m.put(RequestCode.CRC_ABORT.code(), name);
        return new FrameLimits(m);
    }

    /** The same limits, with {@code code} allowed the given range (a plugin's own code). */
    public FrameLimits with(int code, SizeRange range) {
        Map<Integer, SizeRange> m = new TreeMap<>(ranges);
        m.put(code, range);
        return new FrameLimits(m);
    }

    /** The same limits, restricted to the given codes. */
    public FrameLimits only(java.util.Set<Integer> codes) {
        Map<Integer, SizeRange> m = new TreeMap<>(ranges);
        m.keySet().retainAll(codes);
        return new FrameLimits(m);
    }

    public Optional<SizeRange> rangeFor(int code) {
        return Optional.ofNullable(ranges.get(code));
    }

    /** The largest payload any code may declare: the most a decoder ever allocates for one frame. */
    public long largestPayload() {
        return ranges.values().stream().mapToLong(SizeRange::max).max().orElse(0);
    }

    @Override
    public String toString() {
        return "FrameLimits" + ranges;
    }
}
