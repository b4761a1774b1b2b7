package dropvault.protocol;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One reusable 828 frame for a file sent as one stream: the header, sizes, total and file name are
 * written once, and each packet only puts its number, its data and the payload size, so a sender
 * encrypts straight into {@link #buffer()} at {@link #DATA_OFFSET} and writes the frame in one go,
 * with no allocation a packet. A direct frame lives in native memory, for a cipher and a socket that
 * read and write it there with no copy.
 */
public final class PacketFrame {
    /** Where a packet's data starts in the frame. */
    public static final int DATA_OFFSET = Protocol.REQUEST_HEADER_SIZE + Protocol.PACKET_HEADER_SIZE;
    /** Bytes of {@link #buffer()} past the largest data: room for a cipher that writes a held-back block and padding. */
    public static final int SLACK = 32;

    private final ByteBuffer frame;
    private final boolean swapped;
    private final int paddedData;
    private final int maxLength;

    /** A frame in a Java array. */
    public PacketFrame(ClientId clientId, long contentSize, long originalSize, int totalPackets, NameField fileName,
                       int maxData, int paddedData, boolean swapped) {
        this(clientId, contentSize, originalSize, totalPackets, fileName, maxData, paddedData, swapped, false);
    }

    /**
     * @param maxData    the most data bytes a packet carries
     * @param paddedData pad every payload's data to this many bytes with zeros (0: send each as long as its data)
     * @param swapped    total at payload offset 8 and number at 10 (PROTOCOL.md §8)
     * @param direct     in native memory (a direct buffer), for a cipher and a socket that work on it in place
     */
    public PacketFrame(ClientId clientId, long contentSize, long originalSize, int totalPackets, NameField fileName,
                       int maxData, int paddedData, boolean swapped, boolean direct) {
        if (contentSize < 0 || contentSize > 0xFFFF_FFFFL || originalSize < 0 || originalSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("content size and original size are u32");
        }
        if (totalPackets < 0 || totalPackets > 0xFFFF || paddedData < 0 || maxData < 0) {
            throw new IllegalArgumentException("total packets are a u16, sizes are not negative");
        }
        this.maxLength = DATA_OFFSET + Math.max(maxData, paddedData);
        this.frame = (direct ? ByteBuffer.allocateDirect(maxLength + SLACK) : ByteBuffer.allocate(maxLength + SLACK))
                .order(ByteOrder.LITTLE_ENDIAN);
        this.swapped = swapped;
        this.paddedData = paddedData;
        byte[] header = new byte[DATA_OFFSET];
        clientId.writeTo(header, 0);
        header[16] = (byte) Protocol.VERSION;
        LittleEndian.putU16(header, 17, RequestCode.FILE_PACKET.code());
        int o = Protocol.REQUEST_HEADER_SIZE;
        LittleEndian.putU32(header, o, contentSize);
        LittleEndian.putU32(header, o + 4, originalSize);
        LittleEndian.putU16(header, o + (swapped ? 8 : 10), totalPackets);
        fileName.writeTo(header, o + 12);
        frame.put(0, header);
    }

    /** Puts another client's id in the header, for a frame reused by a connection that speaks for it. */
    public PacketFrame forClient(ClientId clientId) {
        byte[] id = new byte[Protocol.CLIENT_ID_SIZE];
        clientId.writeTo(id, 0);
        frame.put(0, id);
        return this;
    }

    /** The frame of a heap frame; a packet's data goes at {@link #DATA_OFFSET}. */
    public byte[] array() {
        return frame.array();
    }

    /**
     * The frame, heap or direct, little-endian, its position 0 and its limit its capacity: a
     * packet's data goes at {@link #DATA_OFFSET}, and may run {@link #SLACK} bytes past the largest.
     * Shared: a caller moves the position or limit of a duplicate.
     */
    public ByteBuffer buffer() {
        return frame;
    }

    /**
     * Finishes the packet whose {@code dataLength} bytes of data are in place: its number, the zeros
     * of a padded payload, the payload size.
     *
     * @return the frame's length
     */
    public int packet(int number, int dataLength) {
        if (number < 0 || number > 0xFFFF || dataLength < 0 || DATA_OFFSET + dataLength > maxLength) {
            throw new IllegalArgumentException("packet " + number + " of " + dataLength + " bytes");
        }
        frame.putShort(Protocol.REQUEST_HEADER_SIZE + (swapped ? 10 : 8), (short) number);
        int data = Math.max(dataLength, paddedData);
        if (frame.hasArray()) {
            Arrays.fill(frame.array(), DATA_OFFSET + dataLength, DATA_OFFSET + data, (byte) 0);
        } else {
            MemorySegment.ofBuffer(frame).asSlice(DATA_OFFSET + dataLength, data - dataLength).fill((byte) 0);
        }
        frame.putInt(19, Protocol.PACKET_HEADER_SIZE + data);
        return DATA_OFFSET + data;
    }
}
