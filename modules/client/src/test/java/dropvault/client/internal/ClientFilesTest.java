package dropvault.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.client.ServerAddress;
import dropvault.client.TransferInfo;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.testvectors.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientFilesTest {
    private static final ClientId FIXTURE_ID = ClientId.fromHex("0123456789abcdef0123456789abcdef");
    private final CryptoSuite crypto = CryptoSuites.jdk();

    @TempDir
    Path dir;

    private void copy(String fixture, String as) throws IOException {
        Files.copy(Vectors.clientFile(fixture), dir.resolve(as), StandardCopyOption.REPLACE_EXISTING);
    }

    private byte[] fixtureKey() throws IOException {
        return Base64.getMimeDecoder().decode(Files.readString(Vectors.clientFile("priv.key")));
    }

    @Test
    void readsTheOriginalClientsMeInfoAndPrivKey() throws Exception {
        copy("me.info", "me.info");
        copy("priv.key", "priv.key");

        Identity id = new IdentityFiles(dir, crypto).load().orElseThrow();

        assertEquals("alice", id.name());
        assertEquals(FIXTURE_ID, id.clientId());
        assertArrayEquals(fixtureKey(), crypto.encodePrivateKey(id.privateKey()));
    }

    @Test
    void readsAMeInfoWithCrlfNulPaddingAndAOneLineKeyWithoutPrivKey() throws Exception {
        copy("me-crlf-nul.info", "me.info");

        Identity id = new IdentityFiles(dir, crypto).load().orElseThrow();

        assertEquals("alice", id.name());
        assertEquals(FIXTURE_ID, id.clientId());
        assertArrayEquals(fixtureKey(), crypto.encodePrivateKey(id.privateKey()));
    }

    @Test
    void privKeyWinsOverTheKeyInMeInfo() throws Exception {
        copy("me.info", "me.info");
        var other = crypto.generateKeyPair().getPrivate();
        Files.writeString(dir.resolve("priv.key"), Base64.getEncoder().encodeToString(crypto.encodePrivateKey(other)));

        Identity id = new IdentityFiles(dir, crypto).load().orElseThrow();

        assertArrayEquals(crypto.encodePrivateKey(other), crypto.encodePrivateKey(id.privateKey()));
    }

    @Test
    void noMeInfoMeansNoIdentity() throws Exception {
        assertTrue(new IdentityFiles(dir, crypto).load().isEmpty());
    }

    @Test
    void writesMeInfoAndPrivKeyByteForByteAsTheOriginalClientOwnerOnly() throws Exception {
        var key = crypto.decodePrivateKey(fixtureKey());

        new IdentityFiles(dir, crypto).save(new Identity("alice", FIXTURE_ID, key));

        assertArrayEquals(Files.readAllBytes(Vectors.clientFile("me.info")), Files.readAllBytes(dir.resolve("me.info")));
        assertArrayEquals(Files.readAllBytes(Vectors.clientFile("priv.key")), Files.readAllBytes(dir.resolve("priv.key")));
        for (String f : List.of("me.info", "priv.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))));
        }
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void overwritesAnEarlierIdentityAndTightensItsPermissions() throws Exception {
        Files.writeString(dir.resolve("me.info"), "bob\n");
        Files.setPosixFilePermissions(dir.resolve("me.info"), PosixFilePermissions.fromString("rw-r--r--"));
        var key = crypto.decodePrivateKey(fixtureKey());

        new IdentityFiles(dir, crypto).save(new Identity("alice", FIXTURE_ID, key));

        assertEquals("alice", Files.readAllLines(dir.resolve("me.info")).getFirst());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("me.info"))));
    }

    @Test
    void rejectsDamagedMeInfoWithTheFileNamed() throws Exception {
        IdentityFiles files = new IdentityFiles(dir, crypto);
        Files.writeString(dir.resolve("me.info"), "alice\nnot-hex\n");
        assertTrue(assertThrows(IOException.class, files::load).getMessage().contains("me.info"));
        Files.writeString(dir.resolve("me.info"), "alice\n0123456789abcdef0123456789abcdef\n");
        assertTrue(assertThrows(IOException.class, files::load).getMessage().contains("no private key"));
        Files.writeString(dir.resolve("me.info"), "alice\n0123456789abcdef0123456789abcdef\n!!!notbase64\n");
        assertTrue(assertThrows(IOException.class, files::load).getMessage().contains("PKCS#8"));
        Files.writeString(dir.resolve("me.info"), "alice\n");
        assertThrows(IOException.class, files::load);
    }

    @Test
    void readsTransferInfo() throws Exception {
        TransferInfo t = TransferInfo.read(Vectors.clientFile("transfer.info"));

        assertEquals(new ServerAddress("127.0.0.1", 1256), t.server());
        assertEquals("alice", t.name());
        assertEquals("notes.txt", t.file());
    }

    @Test
    void readsTransferInfoWithCrlfAndNuls() throws Exception {
        Path p = Files.writeString(dir.resolve("transfer.info"), "localhost:1234\r\nbob\0\0\0\r\nsub dir/file name.txt\r\n\r\n");

        TransferInfo t = TransferInfo.read(p);

        assertEquals(new ServerAddress("localhost", 1234), t.server());
        assertEquals("bob", t.name());
        assertEquals("sub dir/file name.txt", t.file());
    }

    @Test
    void takesANameOfAsManyCharactersAsTheProtocolCarries() throws Exception {
        String longest = "x".repeat(NameField.MAX_LENGTH);
        Path p = Files.writeString(dir.resolve("transfer.info"), "h:1\n" + longest + "\nf\n");
        assertEquals(longest, TransferInfo.read(p).name());
    }

    @Test
    void rejectsBadTransferInfo() throws Exception {
        for (String text : List.of("localhost:1234\nbob\n", "localhost\nbob\nf\n", "localhost:99999\nbob\nf\n",
                "h:1\n" + "x".repeat(NameField.MAX_LENGTH + 1) + "\nf\n", "h:1\n\nf\n")) {
            Path p = Files.writeString(dir.resolve("transfer.info"), text);
            IOException e = assertThrows(IOException.class, () -> TransferInfo.read(p), text);
            assertTrue(e.getMessage().contains("transfer.info"), e.getMessage());
        }
        assertThrows(IOException.class, () -> TransferInfo.read(dir.resolve("missing.info")));
    }

    @Test
    void parsesServerAddresses() {
        assertEquals(new ServerAddress("::1", 80), ServerAddress.parse("[::1]:80"));
        assertEquals("[::1]:80", new ServerAddress("::1", 80).toString());
        assertEquals(new ServerAddress("example.org", 1256), ServerAddress.parse(" example.org:1256 "));
        for (String bad : List.of("", "host", ":1", "host:", "host:x", "host:0", "host:65536")) {
            assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(bad), bad);
        }
    }

    @Test
    void tolerantLinesDropNulsCarriageReturnsAndTrailingBlankLines() {
        assertEquals(List.of("a", "b", "", "c"), ClientFileText.lines("a\0junk\r\nb \r\n\r\nc\n\n\n"));
    }
}
