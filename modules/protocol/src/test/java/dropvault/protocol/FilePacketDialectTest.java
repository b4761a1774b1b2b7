package dropvault.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import dropvault.testvectors.Vectors;

/** The 828 dialects of PROTOCOL.md §8, built from the packets of frames.json. */
class FilePacketDialectTest {
    private static final int PAYLOAD = Protocol.REQUEST_HEADER_SIZE;

    private static FilePacket decode(byte[] frame, FrameLimits limits) throws IOException {
        return (FilePacket) new RequestDecoder(new ByteArrayInputStream(frame), limits).read().orElseThrow().payload();
    }

    private static FilePacket decode(byte[] frame) throws IOException {
        return decode(frame, FrameVectorsTest.LIMITS);
    }

    @Test
    void packetNumbersFromZero() throws IOException {
        for (int n = 0; n < 3; n++) {
            FilePacket p = ExpectedFrames.packet(n + 1);
            FilePacket zeroBased = new FilePacket(p.contentSize(), p.originalSize(), n, 3, p.fileName(), p.data());
            FilePacket decoded = decode(RequestEncoder.encode(ExpectedFrames.ID, zeroBased));
            assertEquals(n, decoded.packetNumber());
            assertEquals(3, decoded.totalPackets());
            assertFalse(decoded.swapped());
            assertEquals(zeroBased, decoded);
        }
    }

    @Test
    void totalBeforeNumberIsSwappedBack() throws IOException {
        byte[] frame = Vectors.frame("send file 828 packet 1/3").bytes();
        swapNumberAndTotal(frame);
        FilePacket decoded = decode(frame);
        assertEquals(1, decoded.packetNumber());
        assertEquals(3, decoded.totalPackets());
        assertTrue(decoded.swapped());
        assertArrayEquals(ExpectedFrames.packet(1).data(), decoded.data());
        assertArrayEquals(frame, RequestEncoder.encode(ExpectedFrames.ID, decoded), "re-encoded in the peer's order");
    }

    @Test
    void totalBeforeNumberFromZero() throws IOException {
        FilePacket p = ExpectedFrames.packet(1);
        byte[] frame = RequestEncoder.encode(ExpectedFrames.ID,
                new FilePacket(p.contentSize(), p.originalSize(), 0, 3, p.fileName(), p.data()));
        swapNumberAndTotal(frame);
        FilePacket decoded = decode(frame);
        assertEquals(0, decoded.packetNumber());
        assertEquals(3, decoded.totalPackets());
        assertTrue(decoded.swapped());
    }

    @Test
    void theLastPacketInEitherOrderIsTheSame() throws IOException {
        byte[] frame = Vectors.frame("send file 828 packet 3/3").bytes();
        swapNumberAndTotal(frame);
        assertEquals(ExpectedFrames.packet(3), decode(frame));
    }

    @Test
    void everyPacketPaddedTo1291Bytes() throws IOException {
        byte[] frame = Vectors.frame("send file 828 packet 3/3").bytes();
        byte[] padded = Arrays.copyOf(frame, PAYLOAD + Protocol.PADDED_PACKET_PAYLOAD);
        LittleEndian.putU32(padded, 19, Protocol.PADDED_PACKET_PAYLOAD);
        FilePacket decoded = decode(padded);
        assertEquals(Protocol.DEFAULT_PACKET_DATA, decoded.dataLength());
        assertEquals(ExpectedFrames.CONTENT_SIZE, decoded.contentSize());
        byte[] data = decoded.data();
        int last = (int) (decoded.contentSize() - 2L * Protocol.DEFAULT_PACKET_DATA);
        assertArrayEquals(ExpectedFrames.packet(3).data(), Arrays.copyOf(data, last), "cut at the content size");
        assertArrayEquals(new byte[data.length - last], Arrays.copyOfRange(data, last, data.length), "zero fill");
    }

    @Test
    void chunksOf8192Bytes() throws IOException {
        byte[] cipher = new byte[3 * 8192 + 16];
        Arrays.fill(cipher, (byte) 0x5A);
        FilePacket p = new FilePacket(cipher.length, cipher.length - 1, 1, 4, ExpectedFrames.NOTES,
                Arrays.copyOf(cipher, 8192));
        byte[] frame = RequestEncoder.encode(ExpectedFrames.ID, p);
        assertEquals(PAYLOAD + Protocol.PACKET_HEADER_SIZE + 8192, frame.length);
        assertEquals(p, decode(frame, FrameLimits.standard(8192)));
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> decode(frame));
        assertEquals(Protocol.PACKET_HEADER_SIZE + 8192, e.declared());
        assertEquals(Protocol.PACKET_HEADER_SIZE + Protocol.DEFAULT_PACKET_DATA, e.limit());
    }

    @Test
    void aPacketOfOneByteAndOneOfNoData() throws IOException {
        FilePacket p = new FilePacket(16, 15, 1, 1, ExpectedFrames.NOTES, new byte[1]);
        assertEquals(p, decode(RequestEncoder.encode(ExpectedFrames.ID, p)));
        FilePacket empty = new FilePacket(16, 15, 1, 1, ExpectedFrames.NOTES, new byte[0]);
        assertThrows(MalformedFrameException.class, () -> decode(RequestEncoder.encode(ExpectedFrames.ID, empty)));
    }

    @Test
    void aContentSizeThatIsNoWholeNumberOfBlocksIsMalformed() {
        byte[] frame = Vectors.frame("send file 828 packet 1/3").bytes();
        LittleEndian.putU32(frame, PAYLOAD, 2500);
        assertThrows(MalformedFrameException.class, () -> decode(frame));
        LittleEndian.putU32(frame, PAYLOAD, 0);
        assertThrows(MalformedFrameException.class, () -> decode(frame));
    }

    @Test
    void zeroPacketsIsMalformed() {
        byte[] frame = Vectors.frame("send file 828 packet 1/3").bytes();
        LittleEndian.putU16(frame, PAYLOAD + 8, 0);
        LittleEndian.putU16(frame, PAYLOAD + 10, 0);
        assertThrows(MalformedFrameException.class, () -> decode(frame));
    }

    private static void swapNumberAndTotal(byte[] frame) {
        int number = LittleEndian.u16(frame, PAYLOAD + 8);
        LittleEndian.putU16(frame, PAYLOAD + 8, LittleEndian.u16(frame, PAYLOAD + 10));
        LittleEndian.putU16(frame, PAYLOAD + 10, number);
    }
}
