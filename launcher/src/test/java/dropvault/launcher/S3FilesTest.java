package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.files.s3.ObjectStore;
import dropvault.files.s3.S3Credentials;
import dropvault.files.s3.S3Settings;
import dropvault.protocol.CrcReport;
import dropvault.protocol.NameField;
import dropvault.protocol.Thanks;
import dropvault.server.ServerConfig;
import dropvault.server.testkit.Peer;
import dropvault.server.testkit.SealedPeer;
import dropvault.server.testkit.TestClient;
import dropvault.server.testkit.TestServer;
import dropvault.testing.s3.EmbeddedS3;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code files.provider=s3}: the server keeps received files in a bucket of a real S3 server (S3Proxy). */
class S3FilesTest {
    @TempDir
    Path data;
    @TempDir
    Path secrets;

    @Test
    void filesAndVersionsGoToTheBucketAndComeBackFromIt() throws Exception {
        EmbeddedS3 s3 = EmbeddedS3.shared();
        String bucket = s3.createBucket();
        Path credentials = Files.writeString(secrets.resolve("s3-credentials"),
                "[default]\naws_access_key_id = " + EmbeddedS3.ACCESS_KEY + "\naws_secret_access_key = "
                        + EmbeddedS3.SECRET_KEY + "\n");
        Map<String, String> options = Map.of("endpoint", s3.endpoint().toString(), "region", EmbeddedS3.REGION,
                "bucket", bucket, "path.style", "true", "credentials.file", credentials.toString(),
                "prefix", "vault/");
        byte[] first = Peer.randomBytes(1, 300_000);
        byte[] second = Peer.randomBytes(2, 1000);
        try (TestServer server = TestServer.start(data, c -> c.toBuilder().files("s3", options).build());
             ObjectStore bucketView = ObjectStore.open(S3Settings.builder(bucket,
                     new S3Credentials(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)).endpoint(s3.endpoint())
                     .region(EmbeddedS3.REGION).prefix("vault/").pathStyle(true).build())) {
            Peer.Identity who;
            try (TestClient c = server.connect()) {
                who = Peer.register(c, "alice");
                Peer.store(c, who, "doc.bin", first);
                Peer.store(c, who, "doc.bin", second);
                Peer.upload(c, who, "dropped.bin", first, Peer.Dialect.STANDARD);
                c.send(who.id(), new CrcReport(CrcReport.Verdict.ABORT, NameField.utf8("dropped.bin")));
                c.expect(Thanks.class);
                SealedPeer sealed = new SealedPeer(c, who);
                assertArrayEquals(second, sealed.get("doc.bin", 0).content());
                assertArrayEquals(first, sealed.get("doc.bin", 1).content());
            }
            server.awaitConnectionsEnded();
            String key = "files/" + who.id().hex() + "/doc.bin";
            try (InputStream in = bucketView.read(key)) {
                assertArrayEquals(second, in.readAllBytes());
            }
            List<String> keys = bucketView.list("files/");
            assertEquals(2, keys.size(), keys::toString);
            assertTrue(keys.stream().anyMatch(k -> k.contains("/.versions/doc.bin@")), keys::toString);
            assertTrue(keys.stream().noneMatch(k -> k.contains("dropped") || k.contains("/.upload-")), keys::toString);
            assertTrue(bucketView.pendingUploads().isEmpty(), "no multipart upload left open");
            assertFalse(Files.exists(server.clientFolder(who.id()).resolve("doc.bin")), "nothing in the data folder");
        }
    }

    @Test
    void anUnknownFilesProviderStopsTheStart() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> TestServer.start(data, c -> c.toBuilder().files("tape", Map.of()).build()).close());
        assertTrue(e.getMessage().contains("no file area named 'tape'"), e.getMessage());
        assertTrue(ServerConfig.DATA_FOLDER_FILES.equals(ServerConfig.defaults().filesProvider()));
    }
}
