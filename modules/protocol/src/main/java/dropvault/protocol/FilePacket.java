package dropvault.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * 828: one packet of the encrypted file. Immutable: its data is copied in, and {@link #data()} copies it
 * out; {@link #dataView} and {@link #withData} read it without a copy.
 *
 * <p>{@code packetNumber} and {@code totalPackets} are as the decoder understood them: when a peer
 * put the total first (a number larger than the total), they are already swapped back, and
 * {@link #swapped()} says so. Numbering may start at 0 or 1; the receiver tells by the first packet.
 * {@code data} may run past the content size in the padded dialect; the receiver cuts it.
 *
 * <p>A packet too large to hold in memory (a whole file in one 828, PROTOCOL.md §8) is <em>streamed</em>:
 * the decoder read its fixed fields only, and its data are read in order, once, with {@link #readData},
 * before the connection's next frame; {@link #piece} makes each part read a packet of its own.
 */
public final class FilePacket implements RequestPayload {

    /** The part of a streamed packet's data a receiver holds at once. */
    public static final int PIECE_SIZE = 64 * 1024;

    /** Reads a range of a packet's data in place: it must neither change nor keep {@code bytes}. */
    @FunctionalInterface
    public interface DataReader {
        int read(byte[] bytes, int offset, int length);
    }

    private final long contentSize;
    private final long originalSize;
    private final int packetNumber;
    private final int totalPackets;
    private final NameField fileName;
    private final boolean swapped;
    // the data are bytes dataOffset..dataOffset+dataLength of an array no one else holds
    private final byte[] bytes;
    private final int dataOffset;
    private final int dataLength;
    /** The connection's input, positioned at the data of a streamed packet; null for one in memory. */
    private final InputStream stream;
    private final long streamedSize;
    private long streamRead;

    public FilePacket(long contentSize, long originalSize, int packetNumber, int totalPackets,
                      NameField fileName, byte[] data, boolean swapped) {
        this(contentSize, originalSize, packetNumber, totalPackets, fileName, swapped, data.clone(), 0, data.length);
    }

    /** A packet in the order of the text (number before total). */
    public FilePacket(long contentSize, long originalSize, int packetNumber, int totalPackets,
                      NameField fileName, byte[] data) {
        this(contentSize, originalSize, packetNumber, totalPackets, fileName, data, false);
    }

    private FilePacket(long contentSize, long originalSize, int packetNumber, int totalPackets, NameField fileName,
                       boolean swapped, byte[] bytes, int dataOffset, int dataLength) {
        this(contentSize, originalSize, packetNumber, totalPackets, fileName, swapped, bytes, dataOffset, dataLength,
                null, 0);
    }

    private FilePacket(long contentSize, long originalSize, int packetNumber, int totalPackets, NameField fileName,
                       boolean swapped, byte[] bytes, int dataOffset, int dataLength, InputStream stream,
                       long streamedSize) {
        if (contentSize < 0 || contentSize > 0xFFFF_FFFFL || originalSize < 0 || originalSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("content size and original size are u32");
        }
        if (packetNumber < 0 || packetNumber > 0xFFFF || totalPackets < 0 || totalPackets > 0xFFFF) {
            throw new IllegalArgumentException("packet number and total are u16");
        }
        this.contentSize = contentSize;
        this.originalSize = originalSize;
        this.packetNumber = packetNumber;
        this.totalPackets = totalPackets;
        this.fileName = Objects.requireNonNull(fileName);
        this.swapped = swapped;
        this.bytes = bytes;
        this.dataOffset = dataOffset;
        this.dataLength = dataLength;
        this.stream = stream;
        this.streamedSize = streamedSize;
    }

    /** For the decoder: a streamed packet whose {@code size} data bytes come next on {@code in}. */
    static FilePacket streamedOver(long contentSize, long originalSize, int packetNumber, int totalPackets,
                                   NameField fileName, boolean swapped, InputStream in, long size) {
        return new FilePacket(contentSize, originalSize, packetNumber, totalPackets, fileName, swapped, new byte[0], 0,
                0, Objects.requireNonNull(in), size);
    }

    /** Whether the data are streamed ({@link #readData}) rather than held ({@link #dataLength} is 0 then). */
    public boolean streamed() {
        return stream != null;
    }

    /** The data bytes of a streamed packet. */
    public long streamedSize() {
        return streamedSize;
    }

    /** The data bytes of a streamed packet not read yet. */
    public long unreadData() {
        return streamedSize - streamRead;
    }

    /**
     * Reads up to {@code len} next data bytes of a streamed packet into {@code b}; -1 once all were read.
     *
     * @throws TruncatedFrameException when the connection ends before the data do
     */
    public int readData(byte[] b, int off, int len) throws IOException {
        if (stream == null) {
            throw new IllegalStateException("not a streamed packet");
        }
        long left = streamedSize - streamRead;
        if (left == 0) {
            return -1;
        }
        int n = stream.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new TruncatedFrameException("stream ended after " + streamRead + " of " + streamedSize
                    + " data bytes of a packet");
        }
        streamRead += n;
        return n;
    }

    /** A packet with this one's fields and {@code length} bytes of {@code data} (kept, not copied): a part of a streamed packet. */
    public FilePacket piece(byte[] data, int length) {
        return new FilePacket(contentSize, originalSize, packetNumber, totalPackets, fileName, swapped, data, 0,
                length);
    }

    /**
     * For the decoder: the data are {@code dataLength} bytes of {@code payload} from {@code dataOffset}. It
     * hands the array over and does not touch it again while the packet is in use.
     */
    static FilePacket overPayload(long contentSize, long originalSize, int packetNumber, int totalPackets,
                                  NameField fileName, boolean swapped, byte[] payload, int dataOffset,
                                  int dataLength) {
        return new FilePacket(contentSize, originalSize, packetNumber, totalPackets, fileName, swapped, payload,
                dataOffset, dataLength);
    }

    public long contentSize() {
        return contentSize;
    }

    public long originalSize() {
        return originalSize;
    }

    public int packetNumber() {
        return packetNumber;
    }

    public int totalPackets() {
        return totalPackets;
    }

    public NameField fileName() {
        return fileName;
    }

    public boolean swapped() {
        return swapped;
    }

    /** A copy of the ciphertext bytes. */
    public byte[] data() {
        return Arrays.copyOfRange(bytes, dataOffset, dataOffset + dataLength);
    }

    public int dataLength() {
        return dataLength;
    }

    /** The ciphertext bytes, read-only, without a copy. */
    public ByteBuffer dataView() {
        return ByteBuffer.wrap(bytes, dataOffset, dataLength).slice().asReadOnlyBuffer();
    }

    /** Hands {@code length} data bytes from {@code from} to {@code reader} without a copy; returns its result. */
    public int withData(int from, int length, DataReader reader) {
        Objects.checkFromIndexSize(from, length, dataLength);
        return reader.read(bytes, dataOffset + from, length);
    }

    /** Copies {@code length} data bytes from {@code from} into {@code target}. */
    public void copyData(int from, byte[] target, int targetOffset, int length) {
        Objects.checkFromIndexSize(from, length, dataLength);
        System.arraycopy(bytes, dataOffset + from, target, targetOffset, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilePacket p && contentSize == p.contentSize && originalSize == p.originalSize
                && packetNumber == p.packetNumber && totalPackets == p.totalPackets && swapped == p.swapped
                && fileName.equals(p.fileName) && Arrays.equals(bytes, dataOffset, dataOffset + dataLength,
                p.bytes, p.dataOffset, p.dataOffset + p.dataLength);
    }

    @Override
    public int hashCode() {
        int dataHash = 1;
        for (int i = dataOffset; i < dataOffset + dataLength; i++) {
            dataHash = 31 * dataHash + bytes[i];
        }
        return Long.hashCode(contentSize) * 31 + packetNumber * 17 + dataHash;
    }

    @Override
    public String toString() {
        return "FilePacket[" + packetNumber + "/" + totalPackets + (swapped ? " swapped" : "") + ", content="
                + contentSize + ", original=" + originalSize + ", file=" + fileName + ", "
                + (stream == null ? dataLength : streamedSize + " streamed") + " bytes]";
    }
}
