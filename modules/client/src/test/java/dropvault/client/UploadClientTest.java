package dropvault.client;

import dropvault.protocol.Dialect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.client.UploadResult.SessionStart;
import dropvault.crypto.Cksum;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.Protocol;
import dropvault.testvectors.Vectors;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadClientTest {
    private static final ClientId FIXTURE_ID = ClientId.fromHex("0123456789abcdef0123456789abcdef");

    @TempDir
    Path dir;
    FakeServer server;
    final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    private UploadConfig config(Path file) {
        return UploadConfig.of("127.0.0.1", server.port(), "alice", file, dir).withTimeout(Duration.ofSeconds(10));
    }

    private UploadResult upload(UploadConfig config) throws UploadException {
        return new UploadClient(config, CryptoSuites.jdk(), listener).upload();
    }

    private static String packets(List<String> log) {
        return log.stream().map(s -> s.substring(0, 3)).collect(Collectors.joining(" "));
    }

    @Test
    void firstRunRegistersAndSavesOwnerOnlyFilesThenSecondRunReconnects() throws Exception {
        Path file = Fixtures.randomFile(dir, "notes.txt", 2500, 1);

        UploadResult first = upload(config(file));

        assertEquals(SessionStart.REGISTERED, first.session());
        assertEquals("825 826 828 828 828 900", packets(server.log));
        assertEquals(List.of("828 1/3 1024", "828 2/3 1024", "828 3/3 464"), server.log.subList(2, 5));
        assertArrayEquals(Files.readAllBytes(file), server.files.get("notes.txt"));
        assertEquals(Cksum.of(Files.readAllBytes(file)), first.cksum());
        assertEquals(2512, first.contentSize());
        assertEquals(1, first.transfers());
        assertEquals(server.idOf("alice").orElseThrow(), first.clientId());
        List<String> me = Files.readAllLines(dir.resolve("me.info"));
        assertEquals("alice", me.get(0));
        assertEquals(first.clientId().hex(), me.get(1));
        assertEquals(String.join("", Files.readAllLines(dir.resolve("priv.key"))), String.join("", me.subList(2, me.size())));
        assertTrue(me.subList(2, me.size()).stream().allMatch(l -> l.length() <= 72));
        for (String f : List.of("me.info", "priv.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))), f);
        }

        server.log.clear();
        UploadResult second = upload(config(file));

        assertEquals(SessionStart.RECONNECTED, second.session());
        assertEquals(first.clientId(), second.clientId());
        assertEquals("827 828 828 828 900", packets(server.log));
        assertTrue(server.violations.isEmpty(), server.violations::toString);
    }

    @Test
    void reconnectsWithTheOriginalClientsFiles() throws Exception {
        Fixtures.copyClientFile("me.info", dir, "me.info");
        Fixtures.copyClientFile("priv.key", dir, "priv.key");
        CryptoSuite crypto = CryptoSuites.jdk();
        byte[] x509 = java.util.HexFormat.of().parseHex(Vectors.string("rsa.json", "public_key_x509_hex"));
        server.knowClient(FIXTURE_ID, "alice", crypto.decodePublicKey(x509));

        UploadResult r = upload(config(Fixtures.randomFile(dir, "a.bin", 100, 2)));

        assertEquals(SessionStart.RECONNECTED, r.session());
        assertEquals(FIXTURE_ID, r.clientId());
        assertEquals("827 828 900", packets(server.log));
    }

    @Test
    void reconnectsWithTheKeyInAMeInfoWrittenInTheWild() throws Exception {
        Fixtures.copyClientFile("me-crlf-nul.info", dir, "me.info");
        byte[] x509 = java.util.HexFormat.of().parseHex(Vectors.string("rsa.json", "public_key_x509_hex"));
        server.knowClient(FIXTURE_ID, "alice", CryptoSuites.jdk().decodePublicKey(x509));

        UploadResult r = upload(config(Fixtures.randomFile(dir, "a.bin", 100, 2)));

        assertEquals(SessionStart.RECONNECTED, r.session());
        assertEquals("827 828 900", packets(server.log));
    }

    @Test
    void refusedReconnectionRegistersAnewWith825() throws Exception {
        Fixtures.copyClientFile("me.info", dir, "me.info");
        Fixtures.copyClientFile("priv.key", dir, "priv.key");
        String oldKey = Files.readString(dir.resolve("priv.key"));

        UploadResult r = upload(config(Fixtures.randomFile(dir, "a.bin", 3000, 3)));

        assertEquals(SessionStart.REREGISTERED, r.session());
        assertEquals("827 825 826 828 828 828 900", packets(server.log));
        assertNotEquals(FIXTURE_ID, r.clientId());
        assertEquals(r.clientId().hex(), Files.readAllLines(dir.resolve("me.info")).get(1));
        assertNotEquals(oldKey, Files.readString(dir.resolve("priv.key")));
        assertTrue(server.violations.isEmpty(), server.violations::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed", "spec"})
    void aKeyBoundClientRefusedOnThePlainPortKeepsItsIdentity(String dialect) throws Exception {
        server.behaviour.seed = dialect.equals("seed");
        server.behaviour.keyBound = true;
        Fixtures.copyClientFile("me.info", dir, "me.info");
        Fixtures.copyClientFile("priv.key", dir, "priv.key");
        byte[] x509 = java.util.HexFormat.of().parseHex(Vectors.string("rsa.json", "public_key_x509_hex"));
        server.knowClient(FIXTURE_ID, "alice", CryptoSuites.jdk().decodePublicKey(x509));
        byte[] meInfo = Files.readAllBytes(dir.resolve("me.info"));
        byte[] privKey = Files.readAllBytes(dir.resolve("priv.key"));

        UploadException e = assertThrows(UploadException.class, () -> upload(
                config(Fixtures.randomFile(dir, "a.bin", 100, 2)).withDialect(Dialect.parse(dialect).orElseThrow())));

        assertTrue(e.getMessage().contains("key-bound") && e.getMessage().contains("--tls"), e.getMessage());
        assertEquals("827", packets(server.log));
        assertArrayEquals(meInfo, Files.readAllBytes(dir.resolve("me.info")));
        assertArrayEquals(privKey, Files.readAllBytes(dir.resolve("priv.key")));
    }

    @Test
    void seedDialectNumbersFromZeroPadsPacketsSends826After1606AndTakesAShort1604() throws Exception {
        server.behaviour.seed = true;
        Fixtures.copyClientFile("me.info", dir, "me.info");
        Fixtures.copyClientFile("priv.key", dir, "priv.key");
        Path file = Fixtures.randomFile(dir, "seed.bin", 2100, 4);

        UploadResult r = upload(config(file).withDialect(Dialect.SEED));

        assertEquals("827 826 828 828 828 900", packets(server.log));
        assertEquals(List.of("828 0/3 1024", "828 1/3 1024", "828 2/3 1024"), server.log.subList(2, 5));
        assertArrayEquals(Files.readAllBytes(file), server.files.get("seed.bin"));
        assertEquals(SessionStart.REREGISTERED, r.session());
        assertTrue(server.violations.isEmpty(), server.violations::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 1023, 1024, 1025, 4096, 70_001})
    void sendsFilesOfEverySizeByteForByte(int size) throws Exception {
        Path file = Fixtures.randomFile(dir, "f.bin", size, size);

        UploadResult r = upload(config(file));

        assertArrayEquals(Files.readAllBytes(file), server.files.get("f.bin"));
        assertEquals(16L * (size / 16 + 1), r.contentSize());
        assertTrue(server.violations.isEmpty(), server.violations::toString);
    }

    @Test
    void aLargerChunkMakesFewerPackets() throws Exception {
        Path file = Fixtures.randomFile(dir, "f.bin", 20_000, 5);

        upload(config(file).withChunkSize(8192));

        assertEquals(List.of("828 1/3 8192", "828 2/3 8192", "828 3/3 3632"), server.log.subList(2, 5));
        assertArrayEquals(Files.readAllBytes(file), server.files.get("f.bin"));
    }

    @Test
    void aMismatchingCrcIsResentThreeTimesThenAbandonedWith902() throws Exception {
        server.behaviour.crcLies = Integer.MAX_VALUE;
        Path file = Fixtures.randomFile(dir, "f.bin", 1500, 6);

        UploadException e = assertThrows(UploadException.class, () -> upload(config(file)));

        assertEquals(UploadException.Failure.CRC_MISMATCH, e.failure());
        assertEquals("825 826 828 828 901 828 828 901 828 828 901 828 828 902", packets(server.log));
        assertFalse(server.files.containsKey("f.bin"));
        assertEquals(List.of(1, 2, 3, 4), listener.transfers);
    }

    @Test
    void oneMismatchingCrcIsResentOnceAndTheSecondTransferConfirmed() throws Exception {
        server.behaviour.crcLies = 1;
        server.behaviour.thanksFor901 = true;
        Path file = Fixtures.randomFile(dir, "f.bin", 1500, 7);

        UploadResult r = upload(config(file));

        assertEquals(2, r.transfers());
        assertEquals("825 826 828 828 901 828 828 900", packets(server.log));
        assertArrayEquals(Files.readAllBytes(file), server.files.get("f.bin"));
        assertTrue(listener.serverErrors.isEmpty(), listener.serverErrors::toString);
    }

    @Test
    void a1607IsReportedAndTheRequestRepeated() throws Exception {
        server.behaviour.errors(828, 2).errors(825, 1);
        Path file = Fixtures.randomFile(dir, "f.bin", 100, 8);

        upload(config(file));

        assertEquals("825 825 826 828 828 828 900", packets(server.log));
        assertEquals(3, listener.serverErrors.size());
        assertEquals(1, server.connections.get());
    }

    @Test
    void threeErrorsForOneRequestAreFatal() throws Exception {
        server.behaviour.errors(826, 3);
        Path file = Fixtures.randomFile(dir, "f.bin", 100, 9);

        UploadException e = assertThrows(UploadException.class, () -> upload(config(file)));

        assertEquals(UploadException.Failure.SERVER, e.failure());
        assertEquals("825 826 826 826", packets(server.log));
        assertEquals(3, listener.serverErrors.size());
        assertTrue(e.getMessage().contains("3 times"), e.getMessage());
    }

    @Test
    void anAnswerOutsideTheProtocolCountsAsAnError() throws Exception {
        server.behaviour.strangeAnswers.put(900, 4242);
        Path file = Fixtures.randomFile(dir, "f.bin", 100, 10);

        upload(config(file));

        assertEquals("825 826 828 900 900", packets(server.log));
        assertTrue(listener.serverErrors.getFirst().contains("4242"), listener.serverErrors::toString);
    }

    @Test
    void aServerThatClosesAfter1607IsReachedOnANewConnectionThatReconnectsFirst() throws Exception {
        server.behaviour.closeAfterError = true;
        server.behaviour.errors(828, 1);
        Path file = Fixtures.randomFile(dir, "f.bin", 3000, 11);

        UploadResult r = upload(config(file));

        assertEquals("825 826 828 828 828 827 828 828 828 900", packets(server.log));
        assertEquals(2, server.connections.get());
        assertEquals(SessionStart.REGISTERED, r.session());
        assertArrayEquals(Files.readAllBytes(file), server.files.get("f.bin"));
    }

    @Test
    void aConnectionLostBefore900IsAnsweredBySendingTheFileAgain() throws Exception {
        server.behaviour.hangUps(900, 1);
        Path file = Fixtures.randomFile(dir, "f.bin", 100, 12);

        UploadResult r = upload(config(file));

        assertEquals("825 826 828 900 827 828 900", packets(server.log));
        assertEquals(2, r.transfers());
        assertArrayEquals(Files.readAllBytes(file), server.files.get("f.bin"));
    }

    @Test
    void aServerThatKeepsHangingUpEndsInAConnectionFailure() throws Exception {
        server.behaviour.hangUps(825, 3);
        Path file = Fixtures.randomFile(dir, "f.bin", 100, 13);

        UploadException e = assertThrows(UploadException.class, () -> upload(config(file)));

        assertEquals(UploadException.Failure.CONNECTION, e.failure());
        assertEquals("825 825 825", packets(server.log));
        assertEquals(3, server.connections.get());
        assertFalse(Files.exists(dir.resolve("me.info")));
    }

    @Test
    void aTakenNameIsARefusal() throws Exception {
        server.knowClient(ClientId.random(new java.util.Random(1)), "alice", CryptoSuites.jdk().generateKeyPair().getPublic());

        UploadException e = assertThrows(UploadException.class,
                () -> upload(config(Fixtures.randomFile(dir, "f.bin", 10, 14))));

        assertEquals(UploadException.Failure.SERVER, e.failure());
        assertEquals("825", packets(server.log));
    }

    @Test
    void noServerIsAConnectionFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        UploadConfig c = UploadConfig.of("127.0.0.1", port, "alice", Fixtures.randomFile(dir, "f.bin", 10, 15), dir);

        UploadException e = assertThrows(UploadException.class, () -> upload(c));

        assertEquals(UploadException.Failure.CONNECTION, e.failure());
    }

    @Test
    void aMissingFileIsALocalFailureBeforeAnyConnection() {
        UploadException e = assertThrows(UploadException.class, () -> upload(config(dir.resolve("nope.bin"))));

        assertEquals(UploadException.Failure.LOCAL_FILE, e.failure());
        assertEquals(0, server.connections.get());
    }

    @Test
    void aFileBeyondWhatTheProtocolCarriesIsRefusedBeforeAnyConnection() throws Exception {
        Path huge = dir.resolve("huge.bin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(Protocol.MAX_FILE_SIZE + 1);
        }

        UploadException e = assertThrows(UploadException.class, () -> upload(config(huge)));

        assertEquals(UploadException.Failure.LOCAL_FILE, e.failure());
        assertTrue(e.getMessage().contains("4 GiB - 17"), e.getMessage());
        assertEquals(0, server.connections.get());
    }

    @Test
    void aDamagedPrivateKeyIsALocalFailure() throws Exception {
        Fixtures.copyClientFile("me.info", dir, "me.info");
        Files.writeString(dir.resolve("priv.key"), Base64.getEncoder().encodeToString(new byte[40]));

        UploadException e = assertThrows(UploadException.class,
                () -> upload(config(Fixtures.randomFile(dir, "f.bin", 10, 16))));

        assertEquals(UploadException.Failure.LOCAL_FILE, e.failure());
        assertTrue(e.getMessage().contains("priv.key"), e.getMessage());
    }
}
