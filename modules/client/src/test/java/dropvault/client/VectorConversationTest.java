package dropvault.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.client.internal.Conversation;
import dropvault.crypto.AesCbcStream;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.testvectors.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against frames.json: with the key of rsa.json (in the original client's files, or as
 * the key pair a registration makes) and a server that answers with the recorded frames, every
 * frame the client sends must equal the recorded one byte for byte.
 */
class VectorConversationTest {
    @TempDir
    Path dir;

    private static Map<String, byte[]> frames() {
        return Vectors.frames().stream().collect(Collectors.toMap(Vectors.Frame::what, Vectors.Frame::bytes));
    }

    @Test
    void aReconnectionAndUploadAreByteExact() throws Exception {
        Map<String, byte[]> f = frames();
        Fixtures.copyClientFile("me.info", dir, "me.info");
        Fixtures.copyClientFile("priv.key", dir, "priv.key");
        Files.write(dir.resolve("notes.txt"), plaintextOfTheRecordedPackets(f));

        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> server = CompletableFuture.supplyAsync(() -> replay(listener, f));
            UploadResult r = new UploadClient(UploadConfig.of("127.0.0.1", listener.getLocalPort(), "alice",
                    dir.resolve("notes.txt"), dir).withTimeout(Duration.ofSeconds(10))).upload();

            assertEquals("ok", server.get(10, TimeUnit.SECONDS));
            assertEquals(UploadResult.SessionStart.RECONNECTED, r.session());
            assertEquals(2500, r.originalSize());
        }
    }

    @Test
    void aRegistrationAndUploadAreByteExact() throws Exception {
        Map<String, byte[]> f = frames();
        Files.write(dir.resolve("notes.txt"), plaintextOfTheRecordedPackets(f));
        CryptoSuite crypto = CryptoSuites.jdk();
        KeyPair fixtureKeys = new KeyPair(
                crypto.decodePublicKey(HexFormat.of().parseHex(Vectors.string("rsa.json", "public_key_x509_hex"))),
                crypto.decodePrivateKey(Base64.getMimeDecoder().decode(Files.readString(Vectors.clientFile("priv.key")))));

        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> server = CompletableFuture.supplyAsync(() -> replayRegistration(listener, f));
            UploadConfig config = UploadConfig.of("127.0.0.1", listener.getLocalPort(), "alice", dir.resolve("notes.txt"),
                    dir).withTimeout(Duration.ofSeconds(10));
            UploadResult r;
            try (Conversation c = new Conversation(config, crypto, UploadListener.NONE, () -> fixtureKeys)) {
                r = c.run();
            }

            assertEquals("ok", server.get(10, TimeUnit.SECONDS));
            assertEquals(UploadResult.SessionStart.REGISTERED, r.session());
        }
        assertArrayEquals(Files.readAllBytes(Vectors.clientFile("me.info")), Files.readAllBytes(dir.resolve("me.info")));
        assertArrayEquals(Files.readAllBytes(Vectors.clientFile("priv.key")), Files.readAllBytes(dir.resolve("priv.key")));
    }

    private static String replayRegistration(ServerSocket listener, Map<String, byte[]> f) {
        try (Socket s = listener.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            expect(in, f.get("register 825"), "825");
            out.write(f.get("registered 1600"));
            expect(in, f.get("public key 826"), "826");
            out.write(f.get("aes key 1602"));
            return uploadAndConfirm(in, out, f);
        } catch (IOException | AssertionError e) {
            return e.toString();
        }
    }

    private static String uploadAndConfirm(InputStream in, OutputStream out, Map<String, byte[]> f) throws IOException {
        for (int i = 1; i <= 3; i++) {
            expect(in, f.get("send file 828 packet " + i + "/3"), "828 packet " + i);
        }
        out.write(f.get("file received 1603"));
        expect(in, f.get("crc ok 900"), "900");
        out.write(f.get("thanks 1604"));
        return "ok";
    }

    /** The plaintext the vectors encrypted, recovered with the AES key of rsa.json. */
    private static byte[] plaintextOfTheRecordedPackets(Map<String, byte[]> f) throws Exception {
        byte[] key = HexFormat.of().parseHex(Vectors.string("rsa.json", "aes_key_hex"));
        AesCbcStream d = CryptoSuites.jdk().decryptor(key);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        for (int i = 1; i <= 3; i++) {
            byte[] frame = f.get("send file 828 packet " + i + "/3");
            int data = 23 + 267;
            plain.writeBytes(d.update(frame, data, frame.length - data));
        }
        plain.writeBytes(d.finish());
        return plain.toByteArray();
    }

    private static String replay(ServerSocket listener, Map<String, byte[]> f) {
        try (Socket s = listener.accept()) {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            expect(in, f.get("reconnect 827"), "827");
            out.write(f.get("reconnected 1605"));
            return uploadAndConfirm(in, out, f);
        } catch (IOException | AssertionError e) {
            return e.toString();
        }
    }

    private static void expect(InputStream in, byte[] expected, String what) throws IOException {
        byte[] got = in.readNBytes(expected.length);
        if (!Arrays.equals(expected, got)) {
            throw new AssertionError(what + " differs: expected " + HexFormat.of().formatHex(expected) + " got "
                    + HexFormat.of().formatHex(got));
        }
    }
}
