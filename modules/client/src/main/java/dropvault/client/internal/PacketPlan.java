package dropvault.client.internal;

import dropvault.protocol.Protocol;

/**
 * How a file is cut into 828 packets: its ciphertext size (known before a byte is read), the
 * ciphertext bytes a packet and the packet count. A packet carries the chunk size asked for, or
 * the smallest multiple of 16 that keeps the count within 65,535.
 *
 * @param originalSize plaintext bytes
 * @param contentSize  ciphertext bytes: 16 * (floor(n / 16) + 1)
 * @param chunkSize    ciphertext bytes a packet (the last one may carry fewer)
 * @param packets      how many packets
 */
public record PacketPlan(long originalSize, long contentSize, int chunkSize, int packets) {

    public static PacketPlan of(long originalSize, int requestedChunk) {
        if (originalSize < 0 || originalSize > Protocol.MAX_FILE_SIZE) {
            throw new IllegalArgumentException("a file takes 0 to " + Protocol.MAX_FILE_SIZE + " bytes (4 GiB - 17), not "
                    + originalSize);
        }
        if (requestedChunk <= 0 || requestedChunk % 16 != 0) {
            throw new IllegalArgumentException("chunk size must be a positive multiple of 16, not " + requestedChunk);
        }
        long content = contentSize(originalSize);
        long chunk = requestedChunk;
        if (ceilDiv(content, chunk) > Protocol.MAX_PACKETS) {
            chunk = ceilDiv(ceilDiv(content, Protocol.MAX_PACKETS), 16) * 16;
        }
        return new PacketPlan(originalSize, content, (int) chunk, (int) ceilDiv(content, chunk));
    }

    public static long contentSize(long originalSize) {
        return 16 * (originalSize / 16 + 1);
    }

    /** Ciphertext bytes of packet {@code index} (from 0). */
    public int dataLength(int index) {
        return (int) Math.min(chunkSize, contentSize - (long) index * chunkSize);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
