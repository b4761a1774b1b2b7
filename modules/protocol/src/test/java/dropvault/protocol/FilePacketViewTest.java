package dropvault.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A decoded 828 keeps its data in the payload it was read into, and is as immutable as one built from an array. */
class FilePacketViewTest {
    private static final FilePacket PACKET = ExpectedFrames.packet(2);

    private static FilePacket decoded() throws IOException {
        byte[] frame = RequestEncoder.encode(ExpectedFrames.ID, PACKET);
        return (FilePacket) new RequestDecoder(new ByteArrayInputStream(frame), FrameVectorsTest.LIMITS).read()
                .orElseThrow().payload();
    }

    @Test
    void aDecodedPacketEqualsTheOneBuiltFromItsData() throws IOException {
        FilePacket decoded = decoded();
        assertEquals(PACKET, decoded);
        assertEquals(PACKET.hashCode(), decoded.hashCode());
        assertArrayEquals(PACKET.data(), decoded.data());
        assertEquals(PACKET.dataLength(), decoded.dataLength());
        assertEquals(PACKET.dataView(), decoded.dataView());
    }

    @Test
    void nothingOutsideChangesTheData() throws IOException {
        FilePacket decoded = decoded();
        byte[] copy = decoded.data();
        Arrays.fill(copy, (byte) 7);
        assertArrayEquals(PACKET.data(), decoded.data());
        ByteBuffer view = decoded.dataView();
        assertTrue(view.isReadOnly());
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 7));

        byte[] payload = Arrays.copyOfRange(RequestEncoder.encode(ExpectedFrames.ID, PACKET),
                Protocol.REQUEST_HEADER_SIZE, Protocol.REQUEST_HEADER_SIZE + Protocol.PACKET_HEADER_SIZE
                        + PACKET.dataLength());
        FilePacket fromCallersArray = (FilePacket) RequestDecoder.decodePayload(RequestCode.FILE_PACKET.code(), payload);
        Arrays.fill(payload, (byte) 7);
        assertEquals(PACKET, fromCallersArray, "decodePayload copies an array its caller keeps");
    }

    @Test
    void withDataAndCopyDataReadTheRangeAsked() throws IOException {
        FilePacket decoded = decoded();
        byte[] expected = Arrays.copyOfRange(PACKET.data(), 3, 19);
        byte[] seen = new byte[16];
        int n = decoded.withData(3, 16, (bytes, offset, length) -> {
            System.arraycopy(bytes, offset, seen, 0, length);
            return length;
        });
        assertEquals(16, n);
        assertArrayEquals(expected, seen);
        byte[] copied = new byte[18];
        decoded.copyData(3, copied, 2, 16);
        assertArrayEquals(expected, Arrays.copyOfRange(copied, 2, 18));
        assertThrows(IndexOutOfBoundsException.class, () -> decoded.withData(1, decoded.dataLength(), (b, o, l) -> l));
        assertThrows(IndexOutOfBoundsException.class, () -> decoded.copyData(-1, copied, 0, 1));
    }

    @Test
    void readingReusingDecodesEachPacketOfAStreamAsTheOneSent() throws IOException {
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        for (int n = 1; n <= 3; n++) {
            stream.writeBytes(RequestEncoder.encode(ExpectedFrames.ID, ExpectedFrames.packet(n)));
        }
        Request crc = ExpectedFrames.request("crc ok 900");
        stream.writeBytes(RequestEncoder.encode(crc.header().clientId(), crc.payload()));
        stream.writeBytes(RequestEncoder.encode(ExpectedFrames.ID, ExpectedFrames.packet(1)));
        RequestDecoder d = new RequestDecoder(new ByteArrayInputStream(stream.toByteArray()), FrameVectorsTest.LIMITS);

        byte[] firstData = null;
        for (int n = 1; n <= 3; n++) {
            FilePacket p = (FilePacket) d.readPayloadReusing(d.readHeader().orElseThrow());
            assertEquals(ExpectedFrames.packet(n), p, "packet " + n);
            if (n == 1) {
                firstData = p.data();
            }
        }
        assertEquals(crc.payload(), d.readPayloadReusing(d.readHeader().orElseThrow()));
        FilePacket again = (FilePacket) d.readPayloadReusing(d.readHeader().orElseThrow());
        assertEquals(ExpectedFrames.packet(1), again);
        assertArrayEquals(firstData, again.data());
        assertTrue(d.readHeader().isEmpty());
    }

    @Test
    void readingReusingATruncatedPacketFailsAsTruncated() throws IOException {
        byte[] frame = RequestEncoder.encode(ExpectedFrames.ID, PACKET);
        RequestDecoder d = new RequestDecoder(new ByteArrayInputStream(Arrays.copyOf(frame, frame.length - 1)),
                FrameVectorsTest.LIMITS);
        RequestHeader h = d.readHeader().orElseThrow();
        assertThrows(TruncatedFrameException.class, () -> d.readPayloadReusing(h));
    }
}
