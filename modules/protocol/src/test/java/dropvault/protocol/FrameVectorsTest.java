package dropvault.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import dropvault.testvectors.Vectors;

/** Every frame of frames.json, byte for byte, whole and split every way TCP may split it. */
class FrameVectorsTest {
    static final FrameLimits LIMITS = FrameLimits.standard(Protocol.DEFAULT_PACKET_DATA);

    static Stream<Vectors.Frame> frames() {
        return Vectors.frames().stream();
    }

    @Test
    void theVectorsHoldTheWholeConversation() {
        List<Vectors.Frame> frames = Vectors.frames();
        assertEquals(17, frames.size(), "frames in frames.json");
        assertEquals(9, frames.stream().filter(Vectors.Frame::fromClient).count(), "client frames");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void decodesToTheExpectedRecord(Vectors.Frame frame) throws IOException {
        assertDecodes(frame, new ByteArrayInputStream(frame.bytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void reEncodesToTheSameBytes(Vectors.Frame frame) throws IOException {
        byte[] encoded;
        if (frame.fromClient()) {
            Request r = decodeRequest(new ByteArrayInputStream(frame.bytes()));
            encoded = RequestEncoder.encode(r.clientId(), r.payload());
        } else {
            encoded = ResponseEncoder.encode(decodeResponse(new ByteArrayInputStream(frame.bytes())).payload());
        }
        assertArrayEquals(frame.bytes(), encoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void theExpectedRecordEncodesToTheFrame(Vectors.Frame frame) {
        byte[] encoded = frame.fromClient()
                ? RequestEncoder.encode(ExpectedFrames.request(frame.what()).clientId(),
                        ExpectedFrames.request(frame.what()).payload())
                : ResponseEncoder.encode(ExpectedFrames.response(frame.what()).payload());
        assertArrayEquals(frame.bytes(), encoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void decodesSplitAtEveryOffset(Vectors.Frame frame) throws IOException {
        Object expected = expected(frame);
        for (int offset = 1; offset < frame.bytes().length; offset++) {
            assertDecodes(frame, expected, ChunkedInputStream.splitAt(frame.bytes(), offset));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void decodesByteByByte(Vectors.Frame frame) throws IOException {
        assertDecodes(frame, ChunkedInputStream.byteByByte(frame.bytes()));
    }

    @Test
    void eachSideOfTheConversationDecodesInOrderFromOneStream() throws IOException {
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        List<Vectors.Frame> frames = Vectors.frames();
        for (Vectors.Frame f : frames) {
            (f.fromClient() ? client : server).write(f.bytes());
        }
        RequestDecoder requests = new RequestDecoder(ChunkedInputStream.byteByByte(client.toByteArray()), LIMITS);
        ResponseDecoder responses = new ResponseDecoder(ChunkedInputStream.byteByByte(server.toByteArray()));
        for (Vectors.Frame f : frames) {
            if (f.fromClient()) {
                assertEquals(ExpectedFrames.request(f.what()), requests.read().orElseThrow(), f.what());
            } else {
                assertEquals(ExpectedFrames.response(f.what()), responses.read().orElseThrow(), f.what());
            }
        }
        assertTrue(requests.read().isEmpty(), "clean end of the client's stream");
        assertTrue(responses.read().isEmpty(), "clean end of the server's stream");
    }

    private static void assertDecodes(Vectors.Frame frame, InputStream in) throws IOException {
        assertDecodes(frame, expected(frame), in);
    }

    private static Object expected(Vectors.Frame frame) {
        return frame.fromClient() ? ExpectedFrames.request(frame.what()) : ExpectedFrames.response(frame.what());
    }

    private static void assertDecodes(Vectors.Frame frame, Object expected, InputStream in) throws IOException {
        if (frame.fromClient()) {
            RequestDecoder d = new RequestDecoder(in, LIMITS);
            assertEquals(expected, d.read().orElseThrow(), frame.what());
            assertTrue(d.read().isEmpty(), "nothing after " + frame.what());
        } else {
            ResponseDecoder d = new ResponseDecoder(in);
            assertEquals(expected, d.read().orElseThrow(), frame.what());
            assertTrue(d.read().isEmpty(), "nothing after " + frame.what());
        }
    }

    private static Request decodeRequest(InputStream in) throws IOException {
        return new RequestDecoder(in, LIMITS).read().orElseThrow();
    }

    private static Response decodeResponse(InputStream in) throws IOException {
        return new ResponseDecoder(in).read().orElseThrow();
    }
}
