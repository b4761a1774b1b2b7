package dropvault.protocol;

import java.util.Arrays;

/**
 * One reusable 828 frame for a file sent as one stream: the header, sizes, total and file name are
 * written once, and each packet only puts its number, its data and the payload size, so a sender
 * encrypts straight into {@link #array()} at {@link #DATA_OFFSET} and writes the frame in one go,
 * with no allocation a packet.
 */
public final class PacketFrame {
    /** Where a packet's data starts in the frame. */
    public static final int DATA_OFFSET = Protocol.REQUEST_HEADER_SIZE + Protocol.PACKET_HEADER_SIZE;
    /** Bytes of {@link #array()} past the largest data: room for a cipher that writes a held-back block and padding. */
    public static final int SLACK = 32;

    private final byte[] frame;
    private final boolean swapped;
    private final int paddedData;
    private final int maxLength;

    /**
     * @param maxData    the most data bytes a packet carries
     * @param paddedData pad every payload's data to this many bytes with zeros (0: send each as long as its data)
     * @param swapped    total at payload offset 8 and number at 10 (PROTOCOL.md §8)
     */
    public PacketFrame(ClientId clientId, long contentSize, long originalSize, int totalPackets, NameField fileName,
                       int maxData, int paddedData, boolean swapped) {
        if (contentSize < 0 || contentSize > 0xFFFF_FFFFL || originalSize < 0 || originalSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("content size and original size are u32");
        }
        if (totalPackets < 0 || totalPackets > 0xFFFF || paddedData < 0 || maxData < 0) {
            throw new IllegalArgumentException("total packets are a u16, sizes are not negative");
        }
        this.maxLength = DATA_OFFSET + Math.max(maxData, paddedData);
        this.frame = new byte[maxLength + SLACK];
        this.swapped = swapped;
        this.paddedData = paddedData;
        clientId.writeTo(frame, 0);
        frame[16] = (byte) Protocol.VERSION;
        LittleEndian.putU16(frame, 17, RequestCode.FILE_PACKET.code());
        int o = Protocol.REQUEST_HEADER_SIZE;
        LittleEndian.putU32(frame, o, contentSize);
        LittleEndian.putU32(frame, o + 4, originalSize);
        LittleEndian.putU16(frame, o + (swapped ? 8 : 10), totalPackets);
        fileName.writeTo(frame, o + 12);
    }

    /** The frame; a packet's data goes at {@link #DATA_OFFSET}. */
    public byte[] array() {
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
        LittleEndian.putU16(frame, Protocol.REQUEST_HEADER_SIZE + (swapped ? 10 : 8), number);
        int data = Math.max(dataLength, paddedData);
        Arrays.fill(frame, DATA_OFFSET + dataLength, DATA_OFFSET + data, (byte) 0);
        LittleEndian.putU32(frame, 19, Protocol.PACKET_HEADER_SIZE + data);
        return DATA_OFFSET + data;
    }
}
