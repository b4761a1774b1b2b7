package dropvault.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import dropvault.testvectors.Vectors;

/**
 * A declared size is checked before anything is read or allocated for it: the streams here end
 * right after the header and fail the test if the decoder reads on.
 */
class DeclaredSizeTest {
    private static final long FOUR_GIB = 0xFFFF_FFFFL;

    private static ChunkedInputStream onlyTheHeader(byte[] frame, int headerSize) {
        return new ChunkedInputStream(Arrays.copyOf(frame, headerSize), new int[0], true);
    }

    @Test
    void aRequestDeclaring4GiBIsRefusedFromItsHeader() {
        for (Vectors.Frame f : Vectors.frames()) {
            if (!f.fromClient()) {
                continue;
            }
            byte[] frame = BadFrameTest.withRequestSize(f.bytes(), FOUR_GIB);
            ChunkedInputStream in = onlyTheHeader(frame, Protocol.REQUEST_HEADER_SIZE);
            FrameTooLargeException e = assertThrows(FrameTooLargeException.class,
                    () -> new RequestDecoder(in, FrameVectorsTest.LIMITS).read(), f.what());
            assertEquals(FOUR_GIB, e.declared());
            assertEquals(Protocol.REQUEST_HEADER_SIZE, in.position());
        }
    }

    @Test
    void evenACodeAllowedAnySizeNeverAllocatesBeyondAnArray() {
        FrameLimits anything = FrameVectorsTest.LIMITS.with(4000, new FrameLimits.SizeRange(0, FOUR_GIB));
        byte[] frame = BadFrameTest.withRequestCode(BadFrameTest.withRequestSize(
                Vectors.frame("register 825").bytes(), FOUR_GIB), 4000);
        ChunkedInputStream in = onlyTheHeader(frame, Protocol.REQUEST_HEADER_SIZE);
        assertThrows(FrameTooLargeException.class, () -> new RequestDecoder(in, anything).read());
        assertEquals(Protocol.REQUEST_HEADER_SIZE, in.position());
    }

    @Test
    void anUnknownCodeIsRefusedFromItsHeader() {
        byte[] frame = BadFrameTest.withRequestCode(BadFrameTest.withRequestSize(
                Vectors.frame("register 825").bytes(), FOUR_GIB), 4001);
        ChunkedInputStream in = onlyTheHeader(frame, Protocol.REQUEST_HEADER_SIZE);
        assertThrows(UnknownCodeException.class, () -> new RequestDecoder(in, FrameVectorsTest.LIMITS).read());
    }

    @Test
    void aResponseDeclaring4GiBIsRefusedFromItsHeader() {
        for (Vectors.Frame f : Vectors.frames()) {
            if (f.fromClient()) {
                continue;
            }
            byte[] frame = f.bytes().clone();
            LittleEndian.putU32(frame, 3, FOUR_GIB);
            ChunkedInputStream in = onlyTheHeader(frame, Protocol.RESPONSE_HEADER_SIZE);
            assertThrows(ProtocolException.class, () -> new ResponseDecoder(in, 1 << 20).read(), f.what());
            assertEquals(Protocol.RESPONSE_HEADER_SIZE, in.position());
        }
        byte[] unknown = Arrays.copyOf(Vectors.frame("general error 1607").bytes(), 7);
        LittleEndian.putU16(unknown, 1, 1700);
        LittleEndian.putU32(unknown, 3, FOUR_GIB);
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class,
                () -> new ResponseDecoder(onlyTheHeader(unknown, 7), 1 << 20).read());
        assertEquals(1 << 20, e.limit());
    }

    @Test
    void thanksInEveryDialect() throws IOException {
        byte[] thanks = Vectors.frame("thanks 1604").bytes();
        byte[] none = Arrays.copyOf(thanks, 7);
        LittleEndian.putU32(none, 3, 0);
        assertEquals(new Thanks(ClientId.ZERO), new ResponseDecoder(onlyTheHeader(none, 7)).read().orElseThrow().payload());
        byte[] overDeclared = thanks.clone();
        LittleEndian.putU32(overDeclared, 3, 255);
        ChunkedInputStream in = new ChunkedInputStream(overDeclared, new int[0], true);
        assertEquals(new Thanks(ExpectedFrames.ID), new ResponseDecoder(in).read().orElseThrow().payload());
        assertEquals(thanks.length, in.position(), "reads the client id and no further");
    }
}
