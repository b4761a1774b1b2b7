package dropvault.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads request frames from a stream: the header, then, only once its declared size is within the
 * limit for its code, the payload. One decoder per connection; it holds no state between frames.
 *
 * <p>The version byte is passed on in the {@link RequestHeader} and not judged here: peers in the
 * wild send other versions than 3, and whether to serve them is the server's decision.
 */
public final class RequestDecoder {
    /** The largest array the JVM will allocate, whatever limits a plugin declares. */
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8;

    private final InputStream in;
    private final FrameLimits limits;
    private final byte[] header = new byte[Protocol.REQUEST_HEADER_SIZE];
    /** The payload array {@link #readPayloadReusing} reads 828s into; dropped at any other code. */
    private byte[] packetBuffer;

    public RequestDecoder(InputStream in, FrameLimits limits) {
        this.in = Objects.requireNonNull(in);
        this.limits = Objects.requireNonNull(limits);
    }

    /** The next request, or empty when the stream ends cleanly between frames. */
    public Optional<Request> read() throws IOException {
        Optional<RequestHeader> h = readHeader();
        if (h.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Request(h.get(), readPayload(h.get())));
    }

    /**
     * The next header, checked against the limits; empty when the stream ends before its first byte.
     *
     * @throws UnknownCodeException when no limit names its code
     * @throws FrameTooLargeException when it declares more than its code allows
     * @throws MalformedFrameException when it declares less than its code needs
     */
    public Optional<RequestHeader> readHeader() throws IOException {
        int n = FrameIo.readFully(in, header, 0, header.length);
        if (n == 0) {
            return Optional.empty();
        }
        if (n < header.length) {
            throw new TruncatedFrameException("stream ended after " + n + " of 23 header bytes");
        }
        RequestHeader h = parseHeader(header);
        checkSize(h);
        return Optional.of(h);
    }

    /**
     * The bytes the payload of {@code header} takes in memory when read by {@link #readPayloadReusing}: its
     * size, or for a streamed packet its fixed fields and one piece of its data ({@link FilePacket#PIECE_SIZE}).
     */
    public long bytesHeld(RequestHeader header) {
        return header.code() == RequestCode.FILE_PACKET.code() && limits.streamsPacket(header.payloadSize())
                ? Protocol.PACKET_HEADER_SIZE + FilePacket.PIECE_SIZE : header.payloadSize();
    }

    /** Reads and decodes the payload of {@code header}, which {@link #readHeader()} returned. */
    public RequestPayload readPayload(RequestHeader header) throws IOException {
        if (header.code() == RequestCode.FILE_PACKET.code() && limits.streamsPacket(header.payloadSize())) {
            return readPayloadReusing(header);
        }
        checkSize(header);
        byte[] payload = new byte[(int) header.payloadSize()];
        FrameIo.readExactly(in, payload, payload.length, header.code());
        return decode(header.code(), payload, true);
    }

    /**
     * {@link #readPayload}, except that an 828 is read into an array this decoder keeps for the next
     * 828: the {@link FilePacket} returned is valid only until the next read, so its data must be
     * used, not kept. A stream of packets then costs one array instead of one per packet. Any other
     * code drops the array.
     */
    public RequestPayload readPayloadReusing(RequestHeader header) throws IOException {
        if (header.code() != RequestCode.FILE_PACKET.code()) {
            packetBuffer = null;
            return readPayload(header);
        }
        if (limits.streamsPacket(header.payloadSize())) {
            byte[] fixed = new byte[Protocol.PACKET_HEADER_SIZE];
            FrameIo.readExactly(in, fixed, fixed.length, header.code());
            return filePacket(fixed, header.payloadSize(), in);
        }
        checkSize(header);
        int size = (int) header.payloadSize();
        if (packetBuffer == null || packetBuffer.length < size) {
            packetBuffer = new byte[size];
        }
        int n = FrameIo.readFully(in, packetBuffer, 0, size);
        if (n < size) {
            throw FrameIo.truncated(n, size, header.code());
        }
        return filePacket(packetBuffer, size);
    }

    private void checkSize(RequestHeader h) throws ProtocolException {
        FrameLimits.SizeRange range = limits.rangeFor(h.code()).orElseThrow(() -> new UnknownCodeException(h.code()));
        if (h.code() == RequestCode.FILE_PACKET.code() && limits.streamsPacket(h.payloadSize())) {
            return;
        }
        if (h.payloadSize() > range.max() || h.payloadSize() > MAX_PAYLOAD) {
            throw new FrameTooLargeException(h.code(), h.payloadSize(), Math.min(range.max(), MAX_PAYLOAD));
        }
        if (h.payloadSize() < range.min()) {
            throw new MalformedFrameException("code " + h.code() + " declares " + h.payloadSize()
                    + " payload bytes; it needs at least " + range.min());
        }
    }

    /** Parses a 23-byte request header; sizes are not checked here. */
    public static RequestHeader parseHeader(byte[] b) {
        if (b.length < Protocol.REQUEST_HEADER_SIZE) {
            throw new IllegalArgumentException("a request header is 23 bytes");
        }
        return new RequestHeader(ClientId.of(b, 0), b[16] & 0xFF, LittleEndian.u16(b, 17), LittleEndian.u32(b, 19));
    }

    /**
     * Decodes a whole payload of {@code code}. Codes the protocol does not define come back as
     * {@link OpaquePayload}.
     */
    public static RequestPayload decodePayload(int code, byte[] p) throws ProtocolException {
        return decode(code, p, false);
    }

    /** {@code owned}: the caller hands {@code p} over, so a packet may keep its data in it without a copy. */
    private static RequestPayload decode(int code, byte[] p, boolean owned) throws ProtocolException {
        Optional<RequestCode> known = RequestCode.of(code);
        if (known.isEmpty()) {
            return new OpaquePayload(code, p);
        }
        return switch (known.get()) {
            case REGISTER -> new RegisterRequest(shortName(p));
            case RECONNECT -> new ReconnectRequest(shortName(p));
            case CRC_OK -> new CrcReport(CrcReport.Verdict.MATCHED, name(p, code));
            case CRC_RETRY -> new CrcReport(CrcReport.Verdict.RETRY, name(p, code));
            case CRC_ABORT -> new CrcReport(CrcReport.Verdict.ABORT, name(p, code));
            case PUBLIC_KEY -> {
                exactly(p, Protocol.NAME_SIZE + Protocol.PUBLIC_KEY_SIZE, code);
                yield new PublicKeyRequest(NameField.wrap(p, 0),
                        Arrays.copyOfRange(p, Protocol.NAME_SIZE, Protocol.NAME_SIZE + Protocol.PUBLIC_KEY_SIZE));
            }
            case FILE_PACKET -> filePacket(owned ? p : p.clone(), p.length);
        };
    }

    private static NameField name(byte[] p, int code) throws MalformedFrameException {
        exactly(p, Protocol.NAME_SIZE, code);
        return NameField.wrap(p, 0);
    }

    /** A name field that may come unpadded (PROTOCOL.md §8): fewer than 255 bytes are NUL-padded to 255. */
    private static NameField shortName(byte[] p) throws MalformedFrameException {
        if (p.length == 0 || p.length > Protocol.NAME_SIZE) {
            throw new MalformedFrameException("a name field of " + p.length + " bytes");
        }
        return p.length == Protocol.NAME_SIZE ? NameField.wrap(p, 0) : NameField.padded(p, p.length);
    }

    private static void exactly(byte[] p, int size, int code) throws MalformedFrameException {
        if (p.length != size) {
            throw new MalformedFrameException("code " + code + " takes " + size + " payload bytes, not " + p.length);
        }
    }

    /** Keeps {@code p}: the packet's data are bytes 267 to {@code length} of it. */
    private static FilePacket filePacket(byte[] p, int length) throws MalformedFrameException {
        return filePacket(p, length, null);
    }

    /**
     * The packet whose fixed fields are the first 267 bytes of {@code p}; its data are the rest of
     * {@code p} up to {@code length}, or, when {@code streamed} is given, the next bytes of that stream.
     */
    private static FilePacket filePacket(byte[] p, long length, InputStream streamed) throws MalformedFrameException {
        if (length <= Protocol.PACKET_HEADER_SIZE) {
            throw new MalformedFrameException("828 carries no file data: payload of " + length + " bytes");
        }
        long contentSize = LittleEndian.u32(p, 0);
        long originalSize = LittleEndian.u32(p, 4);
        int number = LittleEndian.u16(p, 8);
        int total = LittleEndian.u16(p, 10);
        if (contentSize == 0 || contentSize % 16 != 0) {
            throw new MalformedFrameException("828 content size " + contentSize + " is not a positive multiple of 16");
        }
        // total-before-number peers: swapped, the "number" is the total and can only be larger
        boolean swapped = number > total;
        if (swapped) {
            int t = number;
            number = total;
            total = t;
        }
        if (total == 0) {
            throw new MalformedFrameException("828 with a total of 0 packets");
        }
        NameField name = NameField.wrap(p, 12);
        long dataLength = length - Protocol.PACKET_HEADER_SIZE;
        return streamed != null
                ? FilePacket.streamedOver(contentSize, originalSize, number, total, name, swapped, streamed, dataLength)
                : FilePacket.overPayload(contentSize, originalSize, number, total, name, swapped, p,
                        Protocol.PACKET_HEADER_SIZE, (int) dataLength);
    }
}
