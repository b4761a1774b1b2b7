package dropvault.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dialect vocabulary, and the unpadded names of 825 and 827 (PROTOCOL.md §8). */
class DialectTest {

    @Test
    void namedCombinationsAreDistinctAndFoundByTheirFeatures() {
        Set<Set<DialectFeature>> seen = new HashSet<>();
        for (Dialect d : Dialect.NAMED) {
            assertTrue(seen.add(d.features()), d + " repeats another combination");
            assertEquals(d, Dialect.of(d.features()));
            assertEquals(d, Dialect.parse(d.name()).orElseThrow());
        }
        assertEquals(Dialect.SPEC, Dialect.NAMED.getFirst(), "spec is tried first");
    }

    @Test
    void anUnnamedCombinationIsNamedByItsFeatures() {
        Dialect d = Dialect.of(EnumSet.of(DialectFeature.SWAPPED, DialectFeature.FROM_ZERO));
        assertEquals("from-0+swapped", d.name());
        assertEquals(d, Dialect.parse("swapped+from-0").orElseThrow());
        assertEquals(Dialect.PER_PACKET_UNPADDED, Dialect.parse("per-packet+unpadded-names+swapped").orElseThrow());
        assertEquals(Dialect.PER_PACKET_UNPADDED, Dialect.PER_PACKET.with(DialectFeature.UNPADDED_NAMES));
        assertTrue(Dialect.parse("spec+nonsense").isEmpty());
    }

    @Test
    void registerAndReconnectTakeAnUnpaddedName() throws IOException {
        for (int code : new int[] {825, 827}) {
            byte[] name = "alice\0".getBytes(StandardCharsets.US_ASCII);
            byte[] frame = new byte[23 + name.length];
            frame[16] = 3;
            LittleEndian.putU16(frame, 17, code);
            LittleEndian.putU32(frame, 19, name.length);
            System.arraycopy(name, 0, frame, 23, name.length);
            Request r = new RequestDecoder(new ByteArrayInputStream(frame), FrameVectorsTest.LIMITS).read().orElseThrow();
            NameField field = r.payload() instanceof RegisterRequest reg ? reg.name() : ((ReconnectRequest) r.payload()).name();
            assertEquals("alice", field.text());
            assertArrayEquals(NameField.of("alice").toBytes(), field.toBytes(), "padded to 255 bytes");
        }
    }

    @Test
    void anEmptyNameIsStillRefused() {
        byte[] frame = new byte[23];
        frame[16] = 3;
        LittleEndian.putU16(frame, 17, 825);
        assertThrows(MalformedFrameException.class,
                () -> new RequestDecoder(new ByteArrayInputStream(frame), FrameVectorsTest.LIMITS).read());
    }
}
