package dropvault.client.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.Dialect;
import dropvault.client.UploadClient;
import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.client.UploadListener;
import dropvault.client.UploadResult;
import dropvault.client.UploadResult.SessionStart;
import dropvault.crypto.Cksum;
import dropvault.crypto.CryptoSuites;
import dropvault.testing.server.RealServer;
import dropvault.testvectors.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The client library against the real server in this JVM. */
class RealServerUploadTest {
    @TempDir
    Path tmp;
    Path clientDir;
    RealServer server;
    final List<String> serverErrors = new CopyOnWriteArrayList<>();
    final UploadListener listener = new UploadListener() {
        @Override
        public void serverError(String detail) {
            serverErrors.add(detail);
        }
    };

    @BeforeEach
    void start() throws Exception {
        clientDir = Files.createDirectories(tmp.resolve("client"));
        server = RealServer.start(tmp.resolve("data"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Path randomFile(String name, int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(clientDir.resolve(name), b);
    }

    private UploadResult upload(UploadConfig config) throws UploadException {
        return new UploadClient(config, CryptoSuites.jdk(), listener).upload();
    }

    private UploadConfig config(String name, Path file) {
        return UploadConfig.of("127.0.0.1", server.port(), name, file, clientDir).withTimeout(Duration.ofSeconds(20));
    }

    @Test
    void registersThenReconnectsAndTheDataFolderHoldsTheFileByteForByte() throws Exception {
        Path file = randomFile("notes.txt", 300_000, 1);

        UploadResult first = upload(config("alice", file));

        assertEquals(SessionStart.REGISTERED, first.session());
        assertEquals(Cksum.of(Files.readAllBytes(file)), first.cksum());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(server.storedFile(first.clientId().hex(), "notes.txt")));

        Path second = randomFile("second.bin", 5000, 2);
        UploadResult again = upload(config("alice", second));

        assertEquals(SessionStart.RECONNECTED, again.session());
        assertEquals(first.clientId(), again.clientId());
        assertArrayEquals(Files.readAllBytes(second), Files.readAllBytes(server.storedFile(first.clientId().hex(), "second.bin")));
        assertTrue(serverErrors.isEmpty(), serverErrors::toString);
    }

    @Test
    void filesOfTheEdgeSizesArriveIntact() throws Exception {
        String id = null;
        for (int size : new int[] {0, 1, 15, 16, 1024, 1025}) {
            Path file = randomFile("f" + size + ".bin", size, size);
            UploadResult r = upload(config("edges", file));
            id = r.clientId().hex();
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(server.storedFile(id, "f" + size + ".bin")), "size " + size);
        }
        assertEquals(6, server.filesOf(id).size(), "no temporary file is left behind");
    }

    @Test
    void anUnknownIdReRegistersInBothDialects() throws Exception {
        for (Dialect dialect : java.util.List.of(Dialect.SPEC, Dialect.SEED)) {
            Path dir = Files.createDirectories(clientDir.resolve(dialect.name()));
            Files.copy(Vectors.clientFile("me.info"), dir.resolve("me.info"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(Vectors.clientFile("priv.key"), dir.resolve("priv.key"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("me.info"), Files.readString(dir.resolve("me.info"))
                    .replaceFirst("alice", "alice-" + dialect.name().toLowerCase()));
            Path file = randomFile("d-" + dialect + ".bin", 4000, 3);

            UploadResult r = upload(UploadConfig.of("127.0.0.1", server.port(), "ignored", file, dir)
                    .withDialect(dialect).withTimeout(Duration.ofSeconds(20)));

            assertEquals(SessionStart.REREGISTERED, r.session(), dialect::toString);
            assertEquals(r.clientId().hex(), Files.readAllLines(dir.resolve("me.info")).get(1));
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(server.storedFile(r.clientId().hex(), file.getFileName().toString())));
        }
        assertTrue(serverErrors.isEmpty(), serverErrors::toString);
    }

    /**
     * Every dialect the client tries (single-packet too: 300,000 bytes are then one streamed 828) with
     * each kind of cipher: the JDK's and Conscrypt's on Java arrays, OpenSSL's on direct buffers (the
     * file read into native memory, encrypted there, sent from there).
     */
    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("dialectsAndProviders")
    void everyDialectArrivesByteForByteWithEachProvider(String dialect, String provider) throws Exception {
        Dialect d = Dialect.parse(dialect).orElseThrow();
        Path dir = Files.createDirectories(clientDir.resolve(dialect + "-" + provider));
        String id = null;
        for (int size : new int[] {0, 1, 16, 1023, 1024, 70_001, 300_000}) {
            String name = "f" + size + ".bin";
            Path file = Files.write(dir.resolve(name), randomBytes(size, size + dialect.hashCode()));
            UploadResult r = new UploadClient(UploadConfig.of("127.0.0.1", server.port(), "dialects " + dialect + " "
                    + provider, file, dir).withDialect(d).withTimeout(Duration.ofSeconds(20)),
                    CryptoSuites.forName(provider), listener).upload();
            id = r.clientId().hex();
            assertEquals(Cksum.of(Files.readAllBytes(file)), r.cksum(), name);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(server.storedFile(id, name)), name);
        }
        assertEquals(7, server.filesOf(id).size(), "no temporary file is left behind");
        assertTrue(serverErrors.isEmpty(), serverErrors::toString);
    }

    static java.util.stream.Stream<Arguments> dialectsAndProviders() {
        return Dialect.TRIED.stream().flatMap(d -> java.util.stream.Stream.of("jdk", "conscrypt", "openssl")
                .map(p -> Arguments.of(d.name(), p)));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void largerPacketsAreAccepted() throws Exception {
        Path file = randomFile("big-chunks.bin", 200_000, 4);

        UploadResult r = upload(config("chunky", file).withChunkSize(64 * 1024));

        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(server.storedFile(r.clientId().hex(), "big-chunks.bin")));
    }

    @Test
    void aLargeFileArrivesIntact() throws Exception {
        // past 64 MiB of content the server moves the connection to a platform thread, and every 16 MiB
        // it writes it starts a flush to disk: this file does both, and ends mid-step
        Path file = randomFile("large.bin", 70 * 1024 * 1024 + 5, 5);

        UploadResult r = upload(config("large", file).withChunkSize(128 * 1024));

        assertEquals(Cksum.of(Files.readAllBytes(file)), r.cksum());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(server.storedFile(r.clientId().hex(), "large.bin")));
        assertEquals(1, server.filesOf(r.clientId().hex()).size(), "no temporary file is left behind");
        assertTrue(serverErrors.isEmpty(), serverErrors::toString);
    }
}
