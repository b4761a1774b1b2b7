package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The client mode reads an upload's packets in whatever dialect they came: for any size, chunk and
 * dialect of §8 the packets the suite's encoder makes are read back as exactly that dialect (but for
 * what the upload cannot show) and to exactly the plaintext.
 */
class UploadReadingProperties {
    private static final CryptoSuite CRYPTO = CryptoSuites.jdk();
    private static final byte[] KEY = new byte[32];

    @Provide
    Arbitrary<Dialect> dialects() {
        return Arbitraries.of(Dialect.TRIED);
    }

    @Provide
    Arbitrary<Integer> chunks() {
        return Arbitraries.of(1024, 1024, 2048, 7904, 8192, 16);
    }

    @Property(tries = 300)
    void readBackAsSent(@ForAll("dialects") Dialect dialect, @ForAll @IntRange(min = 0, max = 12_000) int size,
                        @ForAll("chunks") int chunk, @ForAll long seed) throws Exception {
        Plaintext p = new Plaintext(size, seed);
        UploadFrames frames = new UploadFrames(CRYPTO, KEY, p, dialect, chunk, ClientId.ZERO, NameField.of("p.bin"));
        List<byte[]> sent = new ArrayList<>();
        frames.forEach(sent::add);
        UploadSeen seen = new UploadSeen();
        boolean last = false;
        int i = 0;
        for (; i < sent.size() && !last; i++) {
            last = seen.add(packet(sent.get(i)));
        }
        assertTrue(last, "the last packet was not recognised");
        assertTrue(seen.finish(CRYPTO, KEY), seen.problem());
        for (; i < sent.size(); i++) {
            assertTrue(seen.takeExtra(CRYPTO, KEY, packet(sent.get(i))), "the extra packet was not taken");
        }
        byte[] expected = new byte[size];
        p.reader().read(expected, 0, size);
        assertArrayEquals(expected, seen.plaintext());
        Set<DialectFeature> differ = EnumSet.noneOf(DialectFeature.class);
        for (DialectFeature f : DialectFeature.values()) {
            if (dialect.has(f) != seen.features().contains(f)) {
                differ.add(f);
            }
        }
        differ.removeAll(seen.undetermined());
        assertEquals(Set.of(), differ, "read as " + seen.dialect() + ", sent as " + dialect);
        assertEquals(frames.totalPackets(), seen.count());
    }

    static UploadSeen.Packet packet(byte[] frame) {
        byte[] p = java.util.Arrays.copyOfRange(frame, 23, frame.length);
        return new UploadSeen.Packet(Le.u32(p, 0), Le.u32(p, 4), Le.u16(p, 8), Le.u16(p, 10),
                java.util.Arrays.copyOfRange(p, 12, 267), p.length, java.util.Arrays.copyOfRange(p, 267, p.length));
    }
}
