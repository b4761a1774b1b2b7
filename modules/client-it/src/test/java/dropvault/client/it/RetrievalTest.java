package dropvault.client.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.client.TlsSettings;
import dropvault.client.UploadConfig;
import dropvault.client.UploadException;
import dropvault.client.UploadListener;
import dropvault.client.VaultClient;
import dropvault.crypto.Cksum;
import dropvault.crypto.CryptoSuites;
import dropvault.retrieval.ContentHeader;
import dropvault.retrieval.FileRow;
import dropvault.retrieval.RetrievalCodes;
import dropvault.testing.server.RealServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client library's send, list and get against the real server in this JVM, in the clear and over TLS. */
class RetrievalTest {
    /** 0 B, 1 B, around an AES block, a packet, a piece of 1642, and several pieces. */
    static final int[] SIZES = {0, 1, 15, 16, 17, 1023, 1024, 1025, RetrievalCodes.PIECE_SIZE - 1,
            RetrievalCodes.PIECE_SIZE, RetrievalCodes.PIECE_SIZE + 1, 3 * RetrievalCodes.PIECE_SIZE + 17};

    @TempDir
    Path tmp;

    private Path clientDir() throws IOException {
        return Files.createDirectories(tmp.resolve("client"));
    }

    private Path randomFile(String name, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(clientDir().resolve(name), b);
    }

    private UploadConfig config(int port, TlsSettings tls) throws IOException {
        return UploadConfig.of("127.0.0.1", port, "alice", clientDir().resolve("unused"), clientDir())
                .withTimeout(Duration.ofSeconds(20)).withTls(tls);
    }

    private static VaultClient client(UploadConfig config) {
        return new VaultClient(config, CryptoSuites.jdk(), UploadListener.NONE);
    }

    @Test
    void everySizeAndEveryVersionComesBackByteForByte() throws Exception {
        roundTrips(RealServer.start(tmp.resolve("data")), TlsSettings.OFF);
    }

    @Test
    void overTlsAlike() throws Exception {
        roundTrips(RealServer.startTlsOnly(tmp.resolve("data")), TlsSettings.knownServers());
    }

    private void roundTrips(RealServer server, TlsSettings tls) throws Exception {
        try (server) {
            List<Path> files = new ArrayList<>();
            for (int size : SIZES) {
                files.add(randomFile("f" + size + ".bin", size, size));
            }
            Path twice = randomFile("twice.txt", 5000, 1);
            byte[] first = Files.readAllBytes(twice);
            files.add(twice);
            try (VaultClient c = client(config(server.port(), tls))) {
                assertEquals(files.size(), c.send(files).size());
            }
            randomFile("twice.txt", 7000, 2);
            byte[] second = Files.readAllBytes(twice);
            try (VaultClient c = client(config(server.port(), tls))) {
                c.send(List.of(twice));
            }
            Path back = Files.createDirectories(tmp.resolve("back"));
            try (VaultClient c = client(config(server.port(), tls))) {
                List<FileRow> rows = c.list();
                assertEquals(files.size() + 1, rows.size(), rows::toString);
                FileRow version = rows.stream().filter(r -> r.name().equals("twice.txt") && !r.current()).findFirst()
                        .orElseThrow();
                assertEquals(1, version.version());
                assertEquals(first.length, version.size());
                assertEquals(Cksum.of(first), version.cksum());
                for (int size : SIZES) {
                    Path out = back.resolve("f" + size);
                    ContentHeader h = c.get("f" + size + ".bin", 0, out, false);
                    assertEquals(size, h.size());
                    assertArrayEquals(Files.readAllBytes(clientDir().resolve("f" + size + ".bin")), Files.readAllBytes(out),
                            "size " + size);
                    FileRow row = rows.stream().filter(r -> r.name().equals("f" + size + ".bin")).findFirst().orElseThrow();
                    assertTrue(row.current() && row.confirmed() && row.size() == size, row::toString);
                }
                c.get("twice.txt", 1, back.resolve("v1"), false);
                c.get("twice.txt", 0, back.resolve("v0"), false);
            }
            assertArrayEquals(first, Files.readAllBytes(back.resolve("v1")));
            assertArrayEquals(second, Files.readAllBytes(back.resolve("v0")));
            assertNoPartialFiles(back);
        }
    }

    @Test
    void whatIsNotThereIsRefusedAndAnExistingFileIsReplacedOnlyWhenAsked() throws Exception {
        try (RealServer server = RealServer.start(tmp.resolve("data"))) {
            Path f = randomFile("a.txt", 100, 3);
            try (VaultClient c = client(config(server.port(), TlsSettings.OFF))) {
                c.send(List.of(f));
                assertEquals(UploadException.Failure.NOT_AVAILABLE,
                        assertThrows(UploadException.class, () -> c.get("b.txt", 0, tmp.resolve("b"), false)).failure());
                assertEquals(UploadException.Failure.NOT_AVAILABLE,
                        assertThrows(UploadException.class, () -> c.get("a.txt", 4, tmp.resolve("b"), false)).failure());
                Path existing = Files.writeString(tmp.resolve("existing"), "mine");
                UploadException e = assertThrows(UploadException.class, () -> c.get("a.txt", 0, existing, false));
                assertEquals(UploadException.Failure.LOCAL_FILE, e.failure());
                assertEquals("mine", Files.readString(existing));
                c.get("a.txt", 0, existing, true);
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(existing));
            }
            assertFalse(Files.exists(tmp.resolve("b")));
            assertNoPartialFiles(tmp);
        }
    }

    @Test
    void aClientUnknownToTheServerNeitherRegistersNorListsAnything() throws Exception {
        try (RealServer server = RealServer.start(tmp.resolve("data"))) {
            try (VaultClient c = client(config(server.port(), TlsSettings.OFF))) {
                UploadException e = assertThrows(UploadException.class, c::list);
                assertEquals(UploadException.Failure.LOCAL_FILE, e.failure(), e::getMessage);
            }
            assertFalse(Files.exists(clientDir().resolve("me.info")));
        }
    }

    @Test
    void aDownloadCutAnywhereLeavesNothingUnderItsName() throws Exception {
        try (RealServer server = RealServer.start(tmp.resolve("data"))) {
            Path f = randomFile("big.bin", 5 * RetrievalCodes.PIECE_SIZE + 123, 7);
            try (VaultClient c = client(config(server.port(), TlsSettings.OFF))) {
                c.send(List.of(f));
            }
            Path back = Files.createDirectories(tmp.resolve("back"));
            Random cuts = new Random(11);
            try (CuttingRelay relay = new CuttingRelay(server.port())) {
                // past the 1605 (7 + 144 bytes), somewhere in the 1641 and the pieces after it
                for (int i = 0; i < 12; i++) {
                    long cut = 151 + cuts.nextInt((int) Files.size(f) + 500);
                    relay.cutAfter(cut);
                    Path target = back.resolve("big-" + i);
                    try (VaultClient c = client(config(relay.port(), TlsSettings.OFF))) {
                        UploadException e = assertThrows(UploadException.class, () -> c.get("big.bin", 0, target, false),
                                "cut after " + cut);
                        assertTrue(e.failure() == UploadException.Failure.CONNECTION
                                || e.failure() == UploadException.Failure.SERVER
                                || e.failure() == UploadException.Failure.NO_RETRIEVAL, e::getMessage);
                    }
                    assertFalse(Files.exists(target), "cut after " + cut);
                }
                relay.cutAfter(Long.MAX_VALUE);
                try (VaultClient c = client(config(relay.port(), TlsSettings.OFF))) {
                    c.get("big.bin", 0, back.resolve("whole"), false);
                }
            }
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(back.resolve("whole")));
            assertNoPartialFiles(back);
        }
    }

    static void assertNoPartialFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> partial = s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
            assertTrue(partial.isEmpty(), partial::toString);
        }
    }
}
