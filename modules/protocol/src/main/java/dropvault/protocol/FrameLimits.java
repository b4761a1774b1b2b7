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
    /** The largest 828 payload taken at all: above its range's max, the decoder streams the data. */
    private final long streamedPacketMax;

    private FrameLimits(Map<Integer, SizeRange> ranges, long streamedPacketMax) {
        this.ranges = Map.copyOf(ranges);
        SizeRange packet = ranges.get(RequestCode.FILE_PACKET.code());
        this.streamedPacketMax = packet == null ? 0 : Math.max(packet.max(), streamedPacketMax);
    }

    /**
     * The codes of PROTOCOL.md §2, with 828 carrying at most {@code maxPacketData} ciphertext bytes
     * (never less than the 1024 of the padded dialect).
     */
    public static FrameLimits standard(int maxPacketData) {
        return standard(maxPacketData, 0);
    }

    /**
     * {@link #standard(int)}, and an 828 of up to a whole file of {@code maxFileSize} bytes in one packet
     * (PROTOCOL.md §8, "one packet, any size") taken as a streamed packet: the decoder holds its fixed
     * fields and hands the data over as they arrive ({@link FilePacket#streamed()}).
     */
    public static FrameLimits standard(int maxPacketData, long maxFileSize) {
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
        return new FrameLimits(m, 0).withWholeFilePackets(maxFileSize);
    }

    /** The same limits, with {@code code} allowed the given range (a plugin's own code). */
    public FrameLimits with(int code, SizeRange range) {
        Map<Integer, SizeRange> m = new TreeMap<>(ranges);
        m.put(code, range);
        return new FrameLimits(m, streamedPacketMax);
    }

    /**
     * The same limits, with an 828 of up to a whole file of {@code maxFileSize} bytes taken as a streamed
     * packet (see {@link #standard(int, long)}).
     */
    public FrameLimits withWholeFilePackets(long maxFileSize) {
        long wholeFile = maxFileSize <= 0 ? 0 : Protocol.PACKET_HEADER_SIZE + 16 * (maxFileSize / 16 + 1);
        return new FrameLimits(ranges, Math.min(0xFFFF_FFFFL, wholeFile));
    }

    /** The same limits, restricted to the given codes. */
    public FrameLimits only(java.util.Set<Integer> codes) {
        Map<Integer, SizeRange> m = new TreeMap<>(ranges);
        m.keySet().retainAll(codes);
        return new FrameLimits(m, streamedPacketMax);
    }

    public Optional<SizeRange> rangeFor(int code) {
        return Optional.ofNullable(ranges.get(code));
    }

    /** Whether an 828 of this payload size is taken as a streamed packet: above its range, up to the whole-file limit. */
    public boolean streamsPacket(long payloadSize) {
        SizeRange packet = ranges.get(RequestCode.FILE_PACKET.code());
        return packet != null && payloadSize > packet.max() && payloadSize <= streamedPacketMax;
    }

    /** The largest payload any code may declare in one array: the most a decoder ever allocates for one frame. */
    public long largestPayload() {
        return ranges.values().stream().mapToLong(SizeRange::max).max().orElse(0);
    }

    @Override
    public String toString() {
        return "FrameLimits" + ranges;
    }
}
