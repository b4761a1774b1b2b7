package dropvault.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ProxyHeaderTest {
    private static final byte[] FRAME = {3, 0x39, 0x03, 0, 0, 0, 0};

    /** A stream that hands out one byte a read, like a peer writing byte by byte. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    static byte[] v1(InetSocketAddress source, InetSocketAddress dest) {
        String family = source.getAddress().getAddress().length == 4 ? "TCP4" : "TCP6";
        return ("PROXY " + family + " " + source.getAddress().getHostAddress() + " " + dest.getAddress().getHostAddress()
                + " " + source.getPort() + " " + dest.getPort() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] v2(int command, InetSocketAddress source, InetSocketAddress dest, byte[] tlvs) {
        byte[] src = source.getAddress().getAddress();
        byte[] dst = dest.getAddress().getAddress();
        ByteBuffer b = ByteBuffer.allocate(16 + 2 * src.length + 4 + tlvs.length);
        b.put(ProxyHeader.V2_SIGNATURE).put((byte) (0x20 | command)).put((byte) ((src.length == 4 ? 0x10 : 0x20) | 1));
        b.putShort((short) (2 * src.length + 4 + tlvs.length));
        b.put(src).put(dst).putShort((short) source.getPort()).putShort((short) dest.getPort()).put(tlvs);
        return b.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Provide
    Arbitrary<InetSocketAddress> addresses() {
        Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
        Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16);
        return Arbitraries.oneOf(v4, v6).flatMap(ip -> Arbitraries.integers().between(0, 65535).map(port -> {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }));
    }

    @Property
    void aV1HeaderGivesTheSourceAndLeavesTheFrameUnread(@ForAll("addresses") InetSocketAddress source) throws Exception {
        InetSocketAddress dest = new InetSocketAddress(InetAddress.getByAddress(
                new byte[source.getAddress().getAddress().length]), 1256);
        InputStream in = trickle(concat(v1(source, dest), FRAME));
        Optional<InetSocketAddress> read = ProxyHeader.read(in, ProxyProtocol.ANY);
        assertEquals(Optional.of(source), read);
        assertArrayEquals(FRAME, in.readAllBytes());
    }

    @Property
    void aV2HeaderGivesTheSourceAndLeavesTheFrameUnread(@ForAll("addresses") InetSocketAddress source,
            @ForAll @Size(max = 64) byte[] tlvs) throws Exception {
        InetSocketAddress dest = new InetSocketAddress(InetAddress.getByAddress(
                new byte[source.getAddress().getAddress().length]), 1256);
        for (ProxyProtocol mode : new ProxyProtocol[] {ProxyProtocol.V2, ProxyProtocol.ANY}) {
            InputStream in = trickle(concat(v2(1, source, dest, tlvs), FRAME));
            assertEquals(Optional.of(source), ProxyHeader.read(in, mode));
            assertArrayEquals(FRAME, in.readAllBytes());
        }
        InputStream local = new ByteArrayInputStream(concat(v2(0, source, dest, tlvs), FRAME));
        assertEquals(Optional.empty(), ProxyHeader.read(local, ProxyProtocol.V2), "LOCAL: no client to name");
        assertArrayEquals(FRAME, local.readAllBytes());
    }

    /** Any bytes at all: an address, or an IOException having read at most a whole header; nothing else. */
    @Property(tries = 3000)
    void arbitraryBytesGiveAnAddressOrAnIOExceptionAndNeverReadPastAHeader(@ForAll @Size(max = 1200) byte[] junk,
            @ForAll boolean v2Signature, @ForAll boolean v1Prefix) {
        byte[] bytes = junk;
        if (v2Signature) {
            bytes = concat(ProxyHeader.V2_SIGNATURE, junk);
        } else if (v1Prefix) {
            bytes = concat(ProxyHeader.V1_PREFIX, junk);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        try {
            ProxyHeader.read(in, ProxyProtocol.ANY);
        } catch (IOException expected) {
            // malformed, or cut short
        }
        int consumed = bytes.length - in.available();
        assertTrue(consumed <= Math.max(ProxyHeader.V1_MAX, 16 + ProxyHeader.MAX_V2_LENGTH), "read " + consumed);
    }

    /** A valid header cut anywhere is an EOF, never an address. */
    @Property
    void aHeaderCutShortIsAnEndOfStream(@ForAll("addresses") InetSocketAddress source, @ForAll boolean binary,
            @ForAll @IntRange(min = 1, max = 1000) int cutSeed) throws Exception {
        byte[] header = binary ? v2(1, source, source, new byte[0]) : v1(source, source);
        int cut = cutSeed % header.length;
        InputStream in = new ByteArrayInputStream(Arrays.copyOf(header, cut));
        assertThrows(EOFException.class, () -> ProxyHeader.read(in, ProxyProtocol.ANY));
    }

    @Test
    void refusesWhatTheSpecificationRulesOut() {
        String[] bad = {
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n",             // no CR
            "PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n",              // a field missing
            "PROXY TCP4 1.2.3.256 5.6.7.8 1 2\r\n",          // not an address
            "PROXY TCP4 01.2.3.4 5.6.7.8 1 2\r\n",           // leading zero
            "PROXY TCP4 ::1 ::1 1 2\r\n",                    // wrong family
            "PROXY TCP6 1.2.3.4 5.6.7.8 1 2\r\n",            // wrong family
            "PROXY TCP6 example.com ::1 1 2\r\n",            // a name, never looked up
            "PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\r\n",        // port out of range
            "PROXY TCP4 1.2.3.4 5.6.7.8 -1 2\r\n",
            "PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n",           // two spaces
            "PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \r\n",
            "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\u00e9\r\n",
            "PROXY " + "A".repeat(120) + "\r\n",             // too long
            "GET / HTTP/1.0\r\n",                            // not a header at all
        };
        for (String line : bad) {
            InputStream in = new ByteArrayInputStream(line.getBytes(StandardCharsets.ISO_8859_1));
            assertThrows(ProxyHeaderException.class, () -> ProxyHeader.read(in, ProxyProtocol.ANY), line);
        }
    }

    @Test
    void unknownGivesNoAddressAndAVersionMismatchIsRefused() throws Exception {
        assertEquals(Optional.empty(), ProxyHeader.read(new ByteArrayInputStream(
                "PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n".getBytes(StandardCharsets.US_ASCII)), ProxyProtocol.V1));
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 5);
        assertThrows(ProxyHeaderException.class,
                () -> ProxyHeader.read(new ByteArrayInputStream(v1(a, a)), ProxyProtocol.V2));
        assertThrows(ProxyHeaderException.class,
                () -> ProxyHeader.read(new ByteArrayInputStream(v2(1, a, a, new byte[0])), ProxyProtocol.V1));
        assertThrows(ProxyHeaderException.class, () -> ProxyHeader.read(new ByteArrayInputStream(FRAME),
                ProxyProtocol.ANY), "a protocol frame where the header should be");
        byte[] tooLong = v2(1, a, a, new byte[ProxyHeader.MAX_V2_LENGTH]);
        assertThrows(ProxyHeaderException.class, () -> ProxyHeader.read(new ByteArrayInputStream(tooLong),
                ProxyProtocol.V2));
        byte[] version3 = v2(1, a, a, new byte[0]);
        version3[12] = 0x31;
        assertThrows(ProxyHeaderException.class, () -> ProxyHeader.read(new ByteArrayInputStream(version3),
                ProxyProtocol.V2));
        byte[] shortBody = v2(1, a, a, new byte[0]);
        shortBody[15] = 4;
        assertThrows(ProxyHeaderException.class, () -> ProxyHeader.read(new ByteArrayInputStream(
                Arrays.copyOf(shortBody, 20)), ProxyProtocol.V2));
    }

    @Test
    void settingsParse() {
        assertEquals(ProxyProtocol.OFF, ProxyProtocol.parse("off"));
        assertEquals(ProxyProtocol.V1, ProxyProtocol.parse(" V1 "));
        assertEquals(ProxyProtocol.V2, ProxyProtocol.parse("v2"));
        assertEquals(ProxyProtocol.ANY, ProxyProtocol.parse("any"));
        assertThrows(IllegalArgumentException.class, () -> ProxyProtocol.parse("yes please"));
    }
}
