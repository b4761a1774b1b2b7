package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.ResponseCode;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.RequestEncoder;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A client of each behaviour of PROTOCOL.md §8 (written with the suite's own dialect encoder),
 * served by the client mode's server: the report names exactly its dialect and its departures.
 */
class ClientDoublesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final CryptoSuite CRYPTO = CryptoSuites.jdk();
    private static final KeyPair KEYS = CRYPTO.generateKeyPair();
    private static final long SIZE = 20_000;

    @FunctionalInterface
    interface Client {
        void run(int port) throws Exception;
    }

    private static Report serve(Scenario scenario, int runs, Client client) throws Exception {
        ProbeSettings s = ProbeSettings.of(0, runs, scenario).withTimeout(TIMEOUT);
        try (ClientProbe probe = ClientProbe.open(s); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Report> report = pool.submit(probe::serve);
            client.run(probe.port());
            return report.get(1, TimeUnit.MINUTES);
        }
    }

    private static Target target(int port, Dialect d, int chunk) {
        return new Target("127.0.0.1", port, TIMEOUT, CRYPTO, d, chunk);
    }

    /** Registers, uploads, confirms; the header of 825 carries {@code headerId}. */
    private static void session(int port, Dialect d, int chunk, String name, ClientId headerId) throws Exception {
        try (Session s = Session.open(target(port, d, chunk))) {
            s.id = headerId;
            CheckFailure.expect(s.register(name), ResponseCode.REGISTERED.code(), 16);
            s.sendKey(name, KEYS);
            uploadAndConfirm(s, d);
        }
    }

    private static void uploadAndConfirm(Session s, Dialect d) throws Exception {
        Plaintext p = new Plaintext(SIZE, 7);
        NameField file = NameField.of("double.bin");
        FileReply f = FileReply.of(s.upload(p, file, d));
        assertEquals(p.cksum(), f.cksum());
        assertEquals(ResponseCode.THANKS.code(), s.verdict(CrcReport.Verdict.MATCHED, file).code());
    }

    private static String table(Report r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReportWriter.table(r, new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Status> departures(Report r) {
        return r.checks().stream().filter(c -> c.status() != Status.PASS)
                .collect(Collectors.toMap(c -> c.id().substring(3), CheckResult::status, (a, b) -> a, TreeMap::new));
    }

    private static void speaks(Dialect d) throws Exception {
        Report r = serve(Scenario.NORMAL, 1, port -> session(port, d, 1024, "double", ClientId.ZERO));
        assertEquals(d, r.dialect().dialect(), table(r));
        Map<String, Status> expected = new TreeMap<>();
        Map<DialectFeature, String> checkOf = Map.of(DialectFeature.FROM_ZERO, "packet-numbers",
                DialectFeature.PADDED_PAYLOADS, "packet-layout", DialectFeature.PER_PACKET, "encryption",
                DialectFeature.SWAPPED, "field-order", DialectFeature.UNPADDED_NAMES, "name-fields",
                DialectFeature.SPLIT_WRITES, "writes");
        for (DialectFeature f : d.features()) {
            if (checkOf.containsKey(f)) {
                expected.put(checkOf.get(f), Status.WARN);
            }
        }
        assertEquals(expected, departures(r), table(r));
        assertTrue(r.passed(), table(r));
    }

    @Test
    void spec() throws Exception {
        speaks(Dialect.SPEC);
    }

    @Test
    void seed() throws Exception {
        speaks(Dialect.SEED);
    }

    @Test
    void padded() throws Exception {
        speaks(Dialect.PADDED);
    }

    @Test
    void perPacket() throws Exception {
        speaks(Dialect.PER_PACKET);
    }

    @Test
    void perPacketUnpaddedNames() throws Exception {
        speaks(Dialect.PER_PACKET_UNPADDED);
    }

    @Test
    void zeroFilled() throws Exception {
        Report r = serve(Scenario.NORMAL, 1, port -> session(port, Dialect.ZERO_FILLED, 1024, "double", ClientId.ZERO));
        assertEquals(Dialect.ZERO_FILLED, r.dialect().dialect(), table(r));
        assertEquals(Map.of("encryption", Status.WARN), departures(r), table(r));
        String evidence = r.checks().stream().filter(c -> c.id().endsWith("-encryption")).findFirst().orElseThrow()
                .evidence();
        assertTrue(evidence.contains("zero-filled") && evidence.contains("all-zero packet")
                && evidence.contains("each packet's own ciphertext"), evidence);
    }

    /** Writes each message in pieces, each piece only once the server has read everything before it. */
    private record PieceWriter(Socket socket, ClientProbe probe, long[] written) {
        void write(byte[] frame, int... cuts) throws Exception {
            int from = 0;
            for (int cut : cuts) {
                piece(frame, from, cut);
                from = cut;
            }
            piece(frame, from, frame.length);
        }

        private void piece(byte[] frame, int from, int to) throws Exception {
            socket.getOutputStream().write(frame, from, to - from);
            written[0] += to - from;
            assertTrue(probe.awaitBytesRead(written[0], TIMEOUT), "the server did not read " + written[0] + " bytes");
        }

        Reply read() throws Exception {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] h = new byte[7];
            in.readFully(h);
            byte[] p = new byte[(int) Le.u32(h, 3)];
            in.readFully(p);
            return new Reply(h[0], Le.u16(h, 1), p.length, p);
        }
    }

    @Test
    void splitWrites() throws Exception {
        ProbeSettings settings = ProbeSettings.of(0, 1, Scenario.NORMAL).withTimeout(TIMEOUT);
        try (ClientProbe probe = ClientProbe.open(settings); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Report> report = pool.submit(probe::serve);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), probe.port())) {
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                socket.setTcpNoDelay(true);
                PieceWriter w = new PieceWriter(socket, probe, new long[1]);
                NameField name = NameField.of("splitter");
                w.write(RequestEncoder.encode(ClientId.ZERO, new RegisterRequest(name)), 23);
                ClientId id = ClientId.of(w.read().payload());
                w.write(RequestEncoder.encode(id, new PublicKeyRequest(name, CRYPTO.encodePublicKey(KEYS.getPublic()))), 23);
                byte[] key = CRYPTO.unwrapKey(KEYS.getPrivate(), Arrays.copyOfRange(w.read().payload(), 16, 144));
                Plaintext p = new Plaintext(SIZE, 5);
                NameField file = NameField.of("split.bin");
                new UploadFrames(CRYPTO, key, p, Dialect.SPEC, 1024, id, file).forEach(f -> {
                    try {
                        w.write(f, UploadFrames.SPLIT_828);
                    } catch (Exception e) {
                        throw new java.io.IOException(e);
                    }
                });
                assertEquals(p.cksum(), FileReply.of(w.read()).cksum());
                w.write(RequestEncoder.encode(id, new CrcReport(CrcReport.Verdict.MATCHED, file)), 23);
                assertEquals(ResponseCode.THANKS.code(), w.read().code());
            }
            Report r = report.get(1, TimeUnit.MINUTES);
            // TCP may split any write: how a client writes is no dialect of its own
            assertEquals(Dialect.SPEC, r.dialect().dialect(), table(r));
            assertEquals(Map.of("writes", Status.WARN), departures(r), table(r));
            assertTrue(table(r).contains("messages written in pieces: [825, 826, 828, 900]"), table(r));
        }
    }

    @Test
    void headerIdOfLetters() throws Exception {
        byte[] a = new byte[16];
        Arrays.fill(a, (byte) 'a');
        Report r = serve(Scenario.NORMAL, 1, port -> session(port, Dialect.SPEC, 1024, "letters", ClientId.of(a)));
        assertEquals(Map.of("825-header-id", Status.WARN), departures(r), table(r));
        assertTrue(table(r).contains("16 x 0x61"), table(r));
    }

    @Test
    void chunkOf8192() throws Exception {
        Report r = serve(Scenario.NORMAL, 1, port -> session(port, Dialect.SPEC, 8192, "big-chunks", ClientId.ZERO));
        assertEquals(8192, r.dialect().chunk(), table(r));
        assertEquals(Map.of("chunk-size", Status.WARN), departures(r), table(r));
    }

    @Test
    void aClientThatWaitsAfter901() throws Exception {
        Client waiting = port -> {
            try (Session s = Session.open(target(port, Dialect.SPEC, 1024))) {
                CheckFailure.expect(s.register("waiter"), ResponseCode.REGISTERED.code(), 16);
                s.sendKey("waiter", KEYS);
                Plaintext p = new Plaintext(SIZE, 3);
                NameField file = NameField.of("wait.bin");
                FileReply.of(s.upload(p, file));
                for (int i = 0; i < 3; i++) {
                    s.verdict(CrcReport.Verdict.RETRY, file);
                    // this client waits for an answer to 901 before it sends the file again
                    assertEquals(ResponseCode.THANKS.code(), s.peer.read().code());
                    FileReply.of(s.upload(p, file));
                }
                assertEquals(ResponseCode.THANKS.code(), s.verdict(CrcReport.Verdict.ABORT, file).code());
            }
        };
        Report r = serve(Scenario.BAD_CRC, 1, waiting);
        assertEquals(Map.of("after-901", Status.WARN), departures(r), table(r));
        assertTrue(table(r).contains("waited for an answer"), table(r));
    }

    @Test
    void aClientThatSends826After1606() throws Exception {
        Client forgetful = port -> {
            ClientId id;
            try (Session s = Session.open(target(port, Dialect.SPEC, 1024))) {
                CheckFailure.expect(s.register("forgotten"), ResponseCode.REGISTERED.code(), 16);
                s.sendKey("forgotten", KEYS);
                uploadAndConfirm(s, Dialect.SPEC);
                id = s.id;
            }
            try (Session s = Session.open(target(port, Dialect.SPEC, 1024))) {
                s.id = id;
                Reply refused = s.ask(new ReconnectRequest(NameField.of("forgotten")));
                assertEquals(ResponseCode.RECONNECT_REFUSED.code(), refused.code());
                s.id = ClientId.of(refused.payload());
                Reply key = s.ask(new PublicKeyRequest(NameField.of("forgotten"), CRYPTO.encodePublicKey(KEYS.getPublic())));
                s.aesKey = s.unwrap(key, ResponseCode.KEY_ISSUED.code(), KEYS);
                uploadAndConfirm(s, Dialect.SPEC);
            }
        };
        Report r = serve(Scenario.FORGET, 2, forgetful);
        assertEquals(Map.of(), departures(r), table(r));
        assertTrue(table(r).contains("after 1606 the client sent 826"), table(r));
    }
}
