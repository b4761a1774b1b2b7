package dropvault.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import dropvault.testvectors.Vectors;

/**
 * Random bytes and mutations of the frames of frames.json: the decoders throw nothing but
 * {@link ProtocolException}s, read no more than a frame declares, allocate no more than the
 * limits allow, and always come to an end: 30,000 + 30,000 + 20,000 + 20,000 cases, in batches
 * of {@value #BATCH} a try.
 */
class DecoderFuzzTest {
    private static final FrameLimits LIMITS = FrameLimits.standard(Protocol.DEFAULT_PACKET_DATA);
    private static final int MAX_OPAQUE = 64;
    /**
     * Per frame: the payload array, its decoded copy and the record's own copy, plus slack for
     * exceptions and first-time class loading; far below any size a header can declare.
     */
    private static final long ALLOCATION_BOUND = 3 * LIMITS.largestPayload() + (1 << 20);
    private static final List<Vectors.Frame> FRAMES = Vectors.frames();
    private static final int[] CODES = {825, 826, 827, 828, 900, 901, 902, 0, 1, 829, 903, 0xFFFF,
        1600, 1601, 1602, 1603, 1604, 1605, 1606, 1607, 1608};
    private static final long[] SIZES = {0, 1, 15, 16, 144, 254, 255, 256, 267, 268, 279, 415, 1290, 1291, 1292,
        0x7FFF_FFF7L, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL};

    enum Kind { SET_BYTE, TRUNCATE, INSERT, SET_SIZE, SET_CODE, SET_U16, SET_U32, APPEND_FRAME }

    record Mutation(Kind kind, int position, int value, long size) {
        byte[] apply(byte[] b, boolean request) {
            int sizeAt = request ? 19 : 3;
            int codeAt = request ? 17 : 1;
            int payloadAt = request ? Protocol.REQUEST_HEADER_SIZE : Protocol.RESPONSE_HEADER_SIZE;
            return switch (kind) {
                case SET_BYTE -> {
                    b = b.clone();
                    if (b.length > 0) {
                        b[position % b.length] = (byte) value;
                    }
                    yield b;
                }
                case TRUNCATE -> Arrays.copyOf(b, b.length == 0 ? 0 : position % b.length);
                case INSERT -> {
                    int at = b.length == 0 ? 0 : position % (b.length + 1);
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) value;
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    yield c;
                }
                case SET_SIZE -> withLong(b, sizeAt, size, 4);
                case SET_CODE -> withLong(b, codeAt, CODES[position % CODES.length], 2);
                case SET_U16 -> withLong(b, payloadAt + position % 16, value & 0xFFFF, 2);
                case SET_U32 -> withLong(b, payloadAt + position % 16, size, 4);
                case APPEND_FRAME -> BadFrameTest.concat(b, FRAMES.get(position % FRAMES.size()).bytes());
            };
        }

        private static byte[] withLong(byte[] b, int at, long v, int width) {
            b = b.clone();
            for (int i = 0; i < width && at + i < b.length; i++) {
                b[at + i] = (byte) (v >>> (8 * i));
            }
            return b;
        }
    }

    static Mutation randomMutation(Random r) {
        long size = r.nextBoolean() ? SIZES[r.nextInt(SIZES.length)] : r.nextLong(0x1_0000_0000L);
        return new Mutation(Kind.values()[r.nextInt(Kind.values().length)], r.nextInt(1 << 16), r.nextInt(0x1_0000),
                size);
    }

    /**
     * jqwik's cost per try and per combined value is many times that of one decode, so the cases
     * come from plain {@link Random}s that jqwik seeds, in batches.
     */
    private static final int BATCH = 10;

    @Provide
    Arbitrary<List<byte[]>> mutatedRequests() {
        return mutated(true).list().ofSize(BATCH);
    }

    @Provide
    Arbitrary<List<byte[]>> mutatedResponses() {
        return mutated(false).list().ofSize(BATCH);
    }

    private Arbitrary<byte[]> mutated(boolean requests) {
        List<byte[]> frames = FRAMES.stream().filter(f -> f.fromClient() == requests).map(Vectors.Frame::bytes).toList();
        return Arbitraries.randomValue(r -> {
            byte[] b = frames.get(r.nextInt(frames.size()));
            for (int i = 1 + r.nextInt(4); i > 0; i--) {
                b = randomMutation(r).apply(b, requests);
            }
            return b;
        });
    }

    @Provide
    Arbitrary<List<byte[]>> randomBytes() {
        return Arbitraries.randomValue(random -> {
            byte[] b = new byte[random.nextInt(600)];
            random.nextBytes(b);
            return b;
        }).list().ofSize(BATCH);
    }

    @Property(tries = 3_000)
    void mutatedRequestsFailOnlyWithProtocolExceptions(@ForAll("mutatedRequests") List<byte[]> streams) {
        streams.forEach(DecoderFuzzTest::decodeAllRequests);
    }

    @Property(tries = 3_000)
    void mutatedResponsesFailOnlyWithProtocolExceptions(@ForAll("mutatedResponses") List<byte[]> streams) {
        streams.forEach(DecoderFuzzTest::decodeAllResponses);
    }

    @Property(tries = 2_000)
    void randomBytesAsRequestsFailOnlyWithProtocolExceptions(@ForAll("randomBytes") List<byte[]> streams) {
        streams.forEach(DecoderFuzzTest::decodeAllRequests);
    }

    @Property(tries = 2_000)
    void randomBytesAsResponsesFailOnlyWithProtocolExceptions(@ForAll("randomBytes") List<byte[]> streams) {
        streams.forEach(DecoderFuzzTest::decodeAllResponses);
    }

    /** Decodes frames until the stream ends or a frame is bad; each call must make progress. */
    private static void decodeAllRequests(byte[] stream) {
        CountingInputStream in = new CountingInputStream(stream);
        RequestDecoder d = new RequestDecoder(in, LIMITS);
        decodeAll(stream, in, () -> d.read().map(r -> Protocol.REQUEST_HEADER_SIZE + r.header().payloadSize())
                .orElse(-1L), true);
    }

    private static void decodeAllResponses(byte[] stream) {
        CountingInputStream in = new CountingInputStream(stream);
        ResponseDecoder d = new ResponseDecoder(in, MAX_OPAQUE);
        decodeAll(stream, in, () -> d.read().map(r -> Protocol.RESPONSE_HEADER_SIZE + readOf(r.header()))
                .orElse(-1L), false);
    }

    /** The payload bytes a response frame takes from the stream: an over-declared 1604 only its 16. */
    private static long readOf(ResponseHeader h) {
        return h.code() == ResponseCode.THANKS.code() ? Math.min(h.payloadSize(), Protocol.CLIENT_ID_SIZE)
                : h.payloadSize();
    }

    /** Decodes one frame: how many bytes it should have taken, or -1 at the end of the stream. */
    interface Step {
        long next() throws IOException;
    }

    private static void decodeAll(byte[] stream, CountingInputStream in, Step step, boolean requests) {
        for (int frames = 0; ; frames++) {
            assertTrue(frames <= stream.length / (requests ? 23 : 7), () -> "more frames than the stream can hold");
            int before = in.position;
            long allocatedBefore = allocatedBytes();
            try {
                long frameSize = step.next();
                if (frameSize < 0) {
                    assertEquals(stream.length, in.position, () -> "empty only at the end of the stream");
                    return;
                }
                assertEquals(before + frameSize, in.position, () -> "a frame takes what it declares, no more");
            } catch (ProtocolException expected) {
                assertTooLargeReadsNoPayload(expected, in, before, requests);
                return;
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError("the decoder leaked " + t + " on " + java.util.HexFormat.of().formatHex(stream), t);
            } finally {
                long allocated = allocatedBytes() - allocatedBefore;
                assertTrue(allocated <= ALLOCATION_BOUND, () -> "one frame allocated " + allocated + " bytes");
            }
        }
    }

    private static void assertTooLargeReadsNoPayload(ProtocolException e, CountingInputStream in, int before,
                                                     boolean requests) {
        if (e instanceof FrameTooLargeException || e instanceof UnknownCodeException) {
            assertEquals(before + (requests ? Protocol.REQUEST_HEADER_SIZE : Protocol.RESPONSE_HEADER_SIZE),
                    in.position, () -> "refused from the header alone: " + e.getMessage());
        }
    }

    private static final Method ALLOCATED = allocationCounter();
    private static final Object THREADS = threads();

    private static Method allocationCounter() {
        try {
            return Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM cannot count allocated bytes", e);
        }
    }

    private static Object threads() {
        try {
            return Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM cannot count allocated bytes", e);
        }
    }

    private static long allocatedBytes() {
        try {
            return (long) ALLOCATED.invoke(THREADS);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stream that delivers at most 100 bytes a read and counts what was taken. */
    private static final class CountingInputStream extends InputStream {
        private final byte[] data;
        private int position;

        CountingInputStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 100), data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }

    @Test
    void theAllocationCounterSeesALargeArray() {
        long before = allocatedBytes();
        byte[] large = new byte[1 << 20];
        long allocated = allocatedBytes() - before;
        assertTrue(allocated >= large.length, "counted " + allocated + " bytes for an array of " + large.length);
    }
}
