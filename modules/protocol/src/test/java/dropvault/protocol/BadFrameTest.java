package dropvault.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dropvault.testvectors.Vectors;

/** Bad frames get a typed exception, and the next good frame still decodes. */
class BadFrameTest {
    private static final long FOUR_GIB = 0xFFFF_FFFFL;

    /** A bad frame; unless it is cut short by the end of the stream, more bytes follow it. */
    record Bad(String what, byte[] bytes, Class<? extends ProtocolException> expected) {
        byte[] followedBy(byte[] next) {
            return expected == TruncatedFrameException.class ? bytes : concat(bytes, next);
        }

        @Override
        public String toString() {
            return what;
        }
    }

    static byte[] good(String what) {
        return Vectors.frame(what).bytes();
    }

    static byte[] withRequestSize(byte[] frame, long size) {
        byte[] b = frame.clone();
        LittleEndian.putU32(b, 19, size);
        return b;
    }

    static byte[] withRequestCode(byte[] frame, int code) {
        byte[] b = frame.clone();
        LittleEndian.putU16(b, 17, code);
        return b;
    }

    static Stream<Bad> badRequests() {
        byte[] register = good("register 825");
        byte[] packet = good("send file 828 packet 1/3");
        byte[] oddContent = packet.clone();
        LittleEndian.putU32(oddContent, 23, 2513);
        return Stream.of(
                new Bad("unknown code", withRequestCode(register, 999), UnknownCodeException.class),
                new Bad("900 one byte short", withRequestSize(good("crc ok 900"), 254), MalformedFrameException.class),
                new Bad("825 one byte long", withRequestSize(register, 256), FrameTooLargeException.class),
                new Bad("826 with a name only", withRequestSize(good("public key 826"), 255), MalformedFrameException.class),
                new Bad("828 declaring 4 GiB", withRequestSize(packet, FOUR_GIB), FrameTooLargeException.class),
                new Bad("828 without data", withRequestSize(packet, 267), MalformedFrameException.class),
                new Bad("header cut short", Arrays.copyOf(register, 10), TruncatedFrameException.class),
                new Bad("payload cut short", Arrays.copyOf(register, 100), TruncatedFrameException.class),
                new Bad("828 content size no multiple of 16", oddContent, MalformedFrameException.class));
    }

    static Stream<Arguments> badRequestsThenGoodFrames() {
        return badRequests().flatMap(bad -> Vectors.frames().stream().filter(Vectors.Frame::fromClient)
                .map(good -> Arguments.of(bad, good)));
    }

    @ParameterizedTest(name = "{0}, then {1}")
    @MethodSource("badRequestsThenGoodFrames")
    void aBadRequestThenAGoodOneOnAFreshDecoder(Bad bad, Vectors.Frame good) throws IOException {
        RequestDecoder first = new RequestDecoder(new ByteArrayInputStream(bad.followedBy(good.bytes())),
                FrameVectorsTest.LIMITS);
        assertThrows(bad.expected(), first::read, bad.what());
        RequestDecoder fresh = new RequestDecoder(new ByteArrayInputStream(good.bytes()), FrameVectorsTest.LIMITS);
        assertEquals(ExpectedFrames.request(good.what()), fresh.read().orElseThrow());
    }

    @Test
    void aPayloadThatWasReadWholeLeavesTheStreamAtTheNextFrame() throws IOException {
        byte[] packet = good("send file 828 packet 2/3");
        LittleEndian.putU32(packet, 23, 17);
        byte[] next = good("send file 828 packet 3/3");
        RequestDecoder d = new RequestDecoder(new ByteArrayInputStream(concat(packet, next)), FrameVectorsTest.LIMITS);
        assertThrows(MalformedFrameException.class, d::read);
        assertEquals(ExpectedFrames.request("send file 828 packet 3/3"), d.read().orElseThrow());
    }

    @Test
    void theExceptionsSayWhatWasWrong() {
        UnknownCodeException unknown = assertThrows(UnknownCodeException.class,
                () -> decodeRequest(withRequestCode(good("register 825"), 999)));
        assertEquals(999, unknown.code());
        FrameTooLargeException large = assertThrows(FrameTooLargeException.class,
                () -> decodeRequest(withRequestSize(good("register 825"), 256)));
        assertEquals(825, large.code());
        assertEquals(256, large.declared());
        assertEquals(255, large.limit());
        MalformedFrameException malformed = assertThrows(MalformedFrameException.class,
                () -> decodeRequest(withRequestSize(good("crc ok 900"), 254)));
        assertTrue(malformed.getMessage().contains("900") && malformed.getMessage().contains("254"),
                malformed.getMessage());
    }

    static Stream<Bad> badResponses() {
        byte[] registered = good("registered 1600");
        byte[] shortId = registered.clone();
        LittleEndian.putU32(shortId, 3, 15);
        byte[] received = good("file received 1603");
        byte[] huge = received.clone();
        LittleEndian.putU32(huge, 3, FOUR_GIB);
        byte[] unknown = good("general error 1607").clone();
        LittleEndian.putU16(unknown, 1, 1700);
        LittleEndian.putU32(unknown, 3, 1);
        byte[] thanks = good("thanks 1604").clone();
        LittleEndian.putU32(thanks, 3, 256);
        byte[] failedWithPayload = good("registration failed 1601").clone();
        LittleEndian.putU32(failedWithPayload, 3, 16);
        return Stream.of(
                new Bad("1600 with 15 bytes", shortId, MalformedFrameException.class),
                new Bad("1603 declaring 4 GiB", huge, MalformedFrameException.class),
                new Bad("unknown response code", concat(unknown, new byte[1]), FrameTooLargeException.class),
                new Bad("1604 declaring 256", concat(thanks, new byte[240]), MalformedFrameException.class),
                new Bad("1601 with a payload", concat(failedWithPayload, new byte[16]), MalformedFrameException.class),
                new Bad("header cut short", Arrays.copyOf(registered, 3), TruncatedFrameException.class),
                new Bad("payload cut short", Arrays.copyOf(received, 200), TruncatedFrameException.class));
    }

    static Stream<Arguments> badResponsesThenGoodFrames() {
        return badResponses().flatMap(bad -> Vectors.frames().stream().filter(f -> !f.fromClient())
                .map(good -> Arguments.of(bad, good)));
    }

    @ParameterizedTest(name = "{0}, then {1}")
    @MethodSource("badResponsesThenGoodFrames")
    void aBadResponseThenAGoodOneOnAFreshDecoder(Bad bad, Vectors.Frame good) throws IOException {
        ResponseDecoder first = new ResponseDecoder(new ByteArrayInputStream(bad.followedBy(good.bytes())));
        assertThrows(bad.expected(), first::read, bad.what());
        ResponseDecoder fresh = new ResponseDecoder(new ByteArrayInputStream(good.bytes()));
        assertEquals(ExpectedFrames.response(good.what()), fresh.read().orElseThrow());
    }

    private static Request decodeRequest(byte[] frame) throws IOException {
        return new RequestDecoder(new ByteArrayInputStream(frame), FrameVectorsTest.LIMITS).read().orElseThrow();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
