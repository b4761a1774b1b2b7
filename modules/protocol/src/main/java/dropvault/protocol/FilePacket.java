package dropvault.protocol;

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
 */
public final class FilePacket implements RequestPayload {

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
                + contentSize + ", original=" + originalSize + ", file=" + fileName + ", " + dataLength + " bytes]";
    }
}
