package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.RequestEncoder;
import dropvault.testvectors.Vectors;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 connections of hostile input against the server process: afterwards it still serves a clean
 * upload, its memory did not balloon, and no file or store record that existed was changed.
 */
class HostileInputIT {
    static final int CONNECTIONS = 10_000;
    static final int IN_FLIGHT = 64;
    static final int KINDS = 10;
    /** Responses no hostile connection may ever get: they would mean a key, an upload or a file. */
    static final Set<Integer> NEVER = Set.of(1602, 1603, 1604, 1605);

    @TempDir
    Path work;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void tenThousandHostileConnectionsChangeNothing() throws Exception {
        Path data = work.resolve("data");
        ServerProcess.Options options = new ServerProcess.Options(work, data).set("max.connections", 512)
                .set("idle.timeout.seconds", 30);
        NameField victimFile = NameField.utf8("victim.txt");
        Client.Identity victim;
        try (ServerProcess server = ServerProcess.start(options)) {
            try (Wire w = new Wire(server.address())) {
                victim = Client.register(w, "victim");
                Client.store(w, victim, victimFile, Client.randomBytes(1, 5000));
            }
            assertEquals(0, server.stop());
        }
        List<String> storeBefore = StoreDump.of(data, work);
        Map<String, String> filesBefore = Snapshot.of(data.resolve("files"));

        Client.Identity clean;
        try (ServerProcess server = ServerProcess.start(options)) {
            long rssBefore = server.residentKib();
            List<String> failures = attack(server, victim, victimFile);
            assertTrue(failures.isEmpty(), failures.size() + " hostile connections went wrong, e.g. "
                    + failures.subList(0, Math.min(10, failures.size())));
            assertTrue(server.isAlive(), "the server died");
            byte[] plain = Client.randomBytes(2, 300_000);
            try (Wire w = new Wire(server.address())) {
                clean = Client.register(w, "after the storm");
                Client.store(w, clean, NameField.utf8("clean.bin"), plain);
            }
            assertEquals(Snapshot.sha256(plain),
                    Snapshot.sha256(data.resolve("files").resolve(clean.id().hex()).resolve("clean.bin")));
            long rssAfter = server.residentKib();
            // generous: the heap is capped at 256 MiB; an unbounded allocation per connection shows far above
            assertTrue(rssAfter - rssBefore < 384 * 1024, "resident memory grew from " + rssBefore + " KiB to "
                    + rssAfter + " KiB");
            assertEquals(0, server.stop());
            assertFalse(server.log().contains("OutOfMemoryError"), "the server ran out of memory");
        }

        Map<String, String> filesAfter = Snapshot.of(data.resolve("files"));
        filesAfter.keySet().removeIf(k -> k.startsWith(clean.id().hex()));
        assertEquals(filesBefore, filesAfter, "hostile connections changed the files");
        List<String> storeAfter = StoreDump.of(data, work);
        assertTrue(storeAfter.containsAll(storeBefore), "a record changed: before " + storeBefore + ", after "
                + storeAfter);
        for (String line : storeAfter) {
            if (!storeBefore.contains(line) && !line.contains(clean.id().hex())) {
                // a mutated 825 may register a name: nothing more (no key, no file) may come of it
                assertTrue(line.startsWith("client ") && line.endsWith("publicKey=-"),
                        "hostile input left this record: " + line);
            }
        }
    }

    /** Sends every hostile connection, {@link #IN_FLIGHT} at a time; returns what went wrong. */
    private static List<String> attack(ServerProcess server, Client.Identity victim, NameField victimFile)
            throws Exception {
        List<byte[]> vectors = Vectors.frames().stream().filter(Vectors.Frame::fromClient).map(Vectors.Frame::bytes).toList();
        byte[] attackerKey = Client.CRYPTO.encodePublicKey(Client.KEYS.getPublic());
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicInteger done = new AtomicInteger();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CONNECTIONS; i++) {
                int n = i;
                inFlight.acquire();
                threads.submit(() -> {
                    try {
                        Case c = hostileCase(n, new Random(n), vectors, victim, victimFile, attackerKey);
                        String problem = run(server, c);
                        if (problem != null) {
                            failures.add("#" + n + " " + c.what + ": " + problem);
                        }
                    } catch (Exception | AssertionError e) {
                        failures.add("#" + n + ": " + e);
                    } finally {
                        done.incrementAndGet();
                        inFlight.release();
                    }
                });
            }
        }
        assertEquals(CONNECTIONS, done.get());
        return new ArrayList<>(failures);
    }

    /** Bytes to send and the responses they must get (null: any but {@link #NEVER}). */
    record Case(String what, byte[] bytes, List<Integer> expected) {
    }

    private static Case hostileCase(int n, Random r, List<byte[]> vectors, Client.Identity victim, NameField victimFile,
                                    byte[] attackerKey) {
        List<Integer> refused = List.of(1607);
        return switch (n % KINDS) {
            case 0 -> new Case("random bytes", bytes(r, r.nextInt(600)), null);
            case 1 -> {
                byte[] header = RequestEncoder.encode(ClientId.random(r), new RegisterRequest(NameField.of("x")));
                yield new Case("truncated header", Arrays.copyOf(header, 1 + r.nextInt(22)), List.of());
            }
            case 2 -> {
                byte[] frame = header(ClientId.random(r), 825 + r.nextInt(78), 0xFFFF_FFFFL);
                yield new Case("4 GiB declared", concat(frame, bytes(r, r.nextInt(2000))), refused);
            }
            case 3 -> {
                int[] codes = {826, 828, 900, 901, 902};
                int code = codes[r.nextInt(codes.length)];
                int size = code == 826 ? 415 : code == 828 ? 267 + 1 + r.nextInt(4096) : 255;
                yield new Case("garbage payload for " + code,
                        concat(header(r.nextBoolean() ? victim.id() : ClientId.random(r), code, size), bytes(r, size)),
                        refused);
            }
            case 4 -> new Case("900 before any upload",
                    RequestEncoder.encode(victim.id(), new CrcReport(CrcReport.Verdict.MATCHED, victimFile)), refused);
            case 5 -> {
                byte[] data = bytes(r, 16 * (1 + r.nextInt(64)));
                FilePacket p = new FilePacket(data.length, data.length - 1, 1, 1, victimFile, data);
                yield new Case("828 before a key", RequestEncoder.encode(victim.id(), p), refused);
            }
            case 6 -> new Case("826 for another client's id", RequestEncoder.encode(victim.id(),
                    new PublicKeyRequest(NameField.of(victim.name()), attackerKey)), refused);
            case 7 -> {
                byte[] frame = mutate(r, vectors.get(r.nextInt(vectors.size())));
                yield new Case("mutated vector frame", frame, null);
            }
            case 8 -> {
                List<byte[]> conversation = new ArrayList<>(vectors);
                int at = r.nextInt(conversation.size());
                conversation.set(at, mutate(r, conversation.get(at)));
                yield new Case("vector conversation mutated at frame " + at, concat(conversation), null);
            }
            case 9 -> {
                byte[] register = RequestEncoder.encode(ClientId.ZERO,
                        new RegisterRequest(NameField.of("hostile-" + n)));
                byte[] junk = header(ClientId.random(r), 828, 267 + 1024);
                yield new Case("register, then a packet without a key", concat(register, junk, bytes(r, 1291)),
                        List.of(1600, 1607));
            }
            default -> throw new AssertionError(n);
        };
    }

    /** Sends the case, ends our side, and reads until the server closes. */
    private static String run(ServerProcess server, Case c) throws IOException {
        try (Wire w = new Wire(server.address())) {
            try {
                w.sendRaw(c.bytes);
                w.shutdownOutput();
            } catch (IOException e) {
                // the server refused and closed before everything was sent: its answer may still be there
            }
            List<Integer> codes;
            try {
                codes = w.codesUntilClosed();
            } catch (SocketTimeoutException e) {
                return "the server kept the connection open";
            } catch (IOException e) {
                // not a frame: the server's reply was cut by the reset of our unread bytes, or garbage after it
                w.drainUntilClosed();
                return c.expected == null || c.expected.isEmpty() ? null : "unreadable reply: " + e;
            }
            for (int code : codes) {
                if (NEVER.contains(code)) {
                    return "got " + code;
                }
            }
            if (c.expected != null && !c.expected.equals(codes)) {
                return "expected " + c.expected + ", got " + codes;
            }
            return null;
        }
    }

    private static byte[] header(ClientId id, int code, long payloadSize) {
        ByteBuffer b = ByteBuffer.allocate(23).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.toBytes()).put((byte) 3).putShort((short) code).putInt((int) payloadSize);
        return b.array();
    }

    /** One of: flipped bits, random bytes over a stretch, a cut, a changed size field, a changed code. */
    private static byte[] mutate(Random r, byte[] frame) {
        byte[] m = frame.clone();
        switch (r.nextInt(5)) {
            case 0 -> {
                for (int i = 0, flips = 1 + r.nextInt(8); i < flips; i++) {
                    m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> {
                int from = r.nextInt(m.length);
                int len = Math.min(m.length - from, 1 + r.nextInt(64));
                byte[] junk = bytes(r, len);
                System.arraycopy(junk, 0, m, from, len);
            }
            case 2 -> m = Arrays.copyOf(m, r.nextInt(m.length));
            case 3 -> ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(19, r.nextInt());
            default -> ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putShort(17, (short) (825 + r.nextInt(78)));
        }
        return m;
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        return concat(List.of(parts));
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        parts.forEach(b::put);
        return b.array();
    }

}
