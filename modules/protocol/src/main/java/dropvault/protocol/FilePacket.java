package dropvault.protocol;

import java.util.Arrays;

/**
 * 828: one packet of the encrypted file.
 *
 * <p>{@code packetNumber} and {@code totalPackets} are as the decoder understood them: when a peer
 * put the total first (a number larger than the total), they are already swapped back, and
 * {@link #swapped()} says so. Numbering may start at 0 or 1; the receiver tells by the first packet.
 * {@code data} may run past the content size in the padded dialect; the receiver cuts it.
 */
public record FilePacket(long contentSize, long originalSize, int packetNumber, int totalPackets,
                         NameField fileName, byte[] data, boolean swapped) implements RequestPayload {

    public FilePacket {
        if (contentSize < 0 || contentSize > 0xFFFF_FFFFL || originalSize < 0 || originalSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("content size and original size are u32");
        }
        if (packetNumber < 0 || packetNumber > 0xFFFF || totalPackets < 0 || totalPackets > 0xFFFF) {
            throw new IllegalArgumentException("packet number and total are u16");
        }
        java.util.Objects.requireNonNull(fileName);
        data = data.clone();
    }

    /** A packet in the order of the text (number before total). */
    public FilePacket(long contentSize, long originalSize, int packetNumber, int totalPackets,
                      NameField fileName, byte[] data) {
        this(contentSize, originalSize, packetNumber, totalPackets, fileName, data, false);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The ciphertext bytes without a copy; callers must not change them. */
    public int dataLength() {
        return data.length;
    }

    /** Copies {@code length} data bytes from {@code from} into {@code target}. */
    public void copyData(int from, byte[] target, int targetOffset, int length) {
        System.arraycopy(data, from, target, targetOffset, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilePacket p && contentSize == p.contentSize && originalSize == p.originalSize
                && packetNumber == p.packetNumber && totalPackets == p.totalPackets && swapped == p.swapped
                && fileName.equals(p.fileName) && Arrays.equals(data, p.data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(contentSize) * 31 + packetNumber * 17 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FilePacket[" + packetNumber + "/" + totalPackets + (swapped ? " swapped" : "") + ", content="
                + contentSize + ", original=" + originalSize + ", file=" + fileName + ", " + data.length + " bytes]";
    }
}
