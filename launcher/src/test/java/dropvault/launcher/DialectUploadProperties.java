package dropvault.launcher;

import dropvault.server.testkit.TestServer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.Peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.crypto.Cksum;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.FileReceived;
import dropvault.protocol.NameField;
import dropvault.protocol.Registered;
import dropvault.protocol.Thanks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every dialect of PROTOCOL.md §8, any size: the server decides per upload how to read the packets,
 * and stores each file byte for byte, with the cksum {@code cksum(1)} gives. Spec uploads must never
 * be misread, whatever their size around chunk and AES block boundaries.
 */
class DialectUploadProperties {
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static Path data;
    private static TestServer server;

    @BeforeContainer
    static void start() throws Exception {
        data = Files.createTempDirectory("dialect-properties");
        server = TestServer.start(data);
    }

    @AfterContainer
    static void stop() throws Exception {
        server.stop();
        server.close();
        try (var s = Files.walk(data)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Sizes from 0 to several chunks, crowded around multiples of 16 and of the chunk. */
    @Provide
    Arbitrary<Integer> sizes() {
        Arbitrary<Integer> nearChunk = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(-17, 17)).as((k, d) -> Math.max(0, k * 1024 + d));
        Arbitrary<Integer> nearBlock = Combinators.combine(Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(-1, 1)).as((k, d) -> Math.max(0, k * 16 + d));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, nearChunk), net.jqwik.api.Tuple.of(2, nearBlock),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 40_000)));
    }

    /** Contents that make per-packet decryption look plausible, too: runs of padding-like bytes. */
    @Provide
    Arbitrary<Integer> fills() {
        return Arbitraries.of(-1, 0, 1, 16);
    }

    @Property(tries = 150)
    void aSpecUploadIsStoredByteForByte(@ForAll("sizes") int size, @ForAll("fills") int fill,
                                        @ForAll("chunks") int chunk, @ForAll long seed) throws Exception {
        uploadAndCheck(Dialect.SPEC, chunk, content(size, fill, seed));
    }

    @Provide
    Arbitrary<Integer> chunks() {
        return Arbitraries.of(1024, 1024, 1024, 1040, 7902, 8192, 16, 48);
    }

    @Provide
    Arbitrary<Dialect> dialects() {
        Arbitrary<Dialect> named = Arbitraries.of(Dialect.NAMED);
        Arbitrary<Dialect> mixed = Arbitraries.subsetOf(DialectFeature.values()).map(DialectUploadProperties::coherent);
        return Arbitraries.oneOf(named, mixed);
    }

    /** Drops the features that only make sense with others (PROTOCOL.md §8 sees them together). */
    private static Dialect coherent(java.util.Set<DialectFeature> wanted) {
        EnumSet<DialectFeature> f = wanted.isEmpty() ? EnumSet.noneOf(DialectFeature.class) : EnumSet.copyOf(wanted);
        // a whole file in one packet is a layout of its own (OnePacketUploadTest), not a feature to mix
        f.remove(DialectFeature.SINGLE_PACKET);
        if (f.contains(DialectFeature.PER_PACKET)) {
            f.remove(DialectFeature.PADDED_PAYLOADS);
        } else {
            f.removeAll(EnumSet.of(DialectFeature.PACKET_CONTENT_SIZE, DialectFeature.ZERO_FILLED,
                    DialectFeature.EXTRA_PACKET));
        }
        return Dialect.of(f);
    }

    @Property(tries = 250)
    void everyDialectsUploadIsStoredByteForByte(@ForAll("dialects") Dialect dialect, @ForAll("sizes") int size,
                                               @ForAll("fills") int fill, @ForAll long seed) throws Exception {
        int chunk = dialect.has(DialectFeature.PADDED_PAYLOADS) || dialect.has(DialectFeature.PER_PACKET) ? 1024
                : new int[] {1024, 7902, 8192}[(int) Math.floorMod(seed, 3L)];
        uploadAndCheck(dialect, chunk, content(size, fill, seed));
    }

    /**
     * Every size from 0 to 48, within 17 bytes of a chunk, and 0, 1, 15, 16 and 17 bytes either side of 2
     * and 3 chunks, in the text's way and packet by
     * packet: one connection a dialect, one file after another on it. The cksum in 1603 is of the
     * bytes the server wrote (length included), so each file is given up with 902 rather than stored:
     * storing costs a durable commit each, and the random properties above store theirs.
     */
    @net.jqwik.api.Example
    void everySizeAroundBlockAndChunkBoundaries() throws Exception {
        java.util.SortedSet<Integer> sizes = new java.util.TreeSet<>();
        for (int n = 0; n <= 48; n++) {
            sizes.add(n);
        }
        for (int d = -17; d <= 17; d++) {
            sizes.add(1024 + d);
        }
        for (int k = 2; k <= 3; k++) {
            for (int d : new int[] {0, 1, 15, 16, 17}) {
                sizes.add(k * 1024 + d);
                sizes.add(k * 1024 - d);
            }
        }
        // each upload is forced to disk before 1603: the zero-filled dialect gets the random sizes only
        for (Dialect d : List.of(Dialect.SPEC, Dialect.PER_PACKET)) {
            try (TestClient c = server.connect()) {
                Peer.Identity who = Peer.register(c, "sizes " + d.name());
                for (int size : sizes) {
                    byte[] plain = content(size, -1, size);
                    String fileName = "s" + size + ".bin";
                    NameField wireName = NameField.utf8(fileName);
                    for (byte[] w : DialectPeer.packets(d, 1024, who.id(), who.aesKey(), wireName, plain)) {
                        c.sendRaw(w);
                    }
                    assertEquals(Cksum.of(plain), c.expect(FileReceived.class).cksum(), () -> d + ", " + size);
                    c.send(who.id(), new CrcReport(CrcReport.Verdict.ABORT, wireName));
                    c.expect(Thanks.class);
                }
            }
        }
    }

    /** Random bytes, or one byte over and over. */
    private static byte[] content(int size, int fill, long seed) {
        byte[] b = new byte[size];
        if (fill < 0) {
            new Random(seed).nextBytes(b);
        } else {
            java.util.Arrays.fill(b, (byte) fill);
        }
        return b;
    }

    private static void uploadAndCheck(Dialect dialect, int chunk, byte[] plain) throws Exception {
        String name = "prop-" + CLIENTS.incrementAndGet();
        String fileName = "f " + dialect.name() + " " + plain.length + ".bin";
        try (TestClient c = server.connect()) {
            byte[] headerId = new byte[16];
            java.util.Arrays.fill(headerId, (byte) 'a');
            for (byte[] w : DialectPeer.register(dialect, ClientId.of(headerId), name)) {
                c.sendRaw(w);
            }
            ClientId id = c.expect(Registered.class).clientId();
            byte[] key = Peer.sendKey(c, id, name);
            NameField wireName = NameField.utf8(fileName);
            for (byte[] w : DialectPeer.packets(dialect, chunk, id, key, wireName, plain)) {
                c.sendRaw(w);
            }
            FileReceived received = c.expect(FileReceived.class);
            assertEquals(Cksum.of(plain), received.cksum(), () -> dialect + ", " + plain.length + " bytes");
            assertArrayEquals(wireName.toBytes(), received.fileName().toBytes());
            c.send(id, new CrcReport(CrcReport.Verdict.MATCHED, wireName));
            c.expect(Thanks.class);
            Path stored = server.clientFolder(id).resolve(fileName);
            assertArrayEquals(plain, Files.readAllBytes(stored), () -> dialect + ", " + plain.length + " bytes");
            assertEquals(received.cksum(), systemCksum(stored), "cksum(1) of the stored file");
        }
    }

    /** What {@code cksum FILE} prints first. */
    private static long systemCksum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("cksum", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("cksum failed: " + out);
        }
        return Long.parseLong(List.of(out.trim().split("\\s+")).getFirst());
    }
}
