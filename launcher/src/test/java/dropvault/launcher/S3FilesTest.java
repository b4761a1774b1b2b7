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
    private final EmbeddedS3 s3 = EmbeddedS3.shared();

    /** The {@code files.s3.*} options of a server on the bucket, its credentials in a file. */
    private Map<String, String> options(String bucket, String prefix) throws java.io.IOException {
        Path credentials = Files.writeString(secrets.resolve("s3-credentials"),
                "[default]\naws_access_key_id = " + EmbeddedS3.ACCESS_KEY + "\naws_secret_access_key = "
                        + EmbeddedS3.SECRET_KEY + "\n");
        return Map.of("endpoint", s3.endpoint().toString(), "region", EmbeddedS3.REGION, "bucket", bucket,
                "path.style", "true", "credentials.file", credentials.toString(), "prefix", prefix);
    }

    /** The test's own view of the bucket. */
    private ObjectStore bucketView(String bucket, String prefix) {
        return ObjectStore.open(S3Settings.builder(bucket, new S3Credentials(EmbeddedS3.ACCESS_KEY,
                EmbeddedS3.SECRET_KEY)).endpoint(s3.endpoint()).region(EmbeddedS3.REGION).prefix(prefix)
                .pathStyle(true).build());
    }

    @Test
    void filesAndVersionsGoToTheBucketAndComeBackFromIt() throws Exception {
        String bucket = s3.createBucket();
        Map<String, String> options = options(bucket, "vault/");
        byte[] first = Peer.randomBytes(1, 300_000);
        byte[] second = Peer.randomBytes(2, 1000);
        try (TestServer server = TestServer.start(data, c -> c.toBuilder().files("s3", options).build());
             ObjectStore bucketView = bucketView(bucket, "vault/")) {
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
    void theAdminToolVerifiesExportsRestoresAndDeletesOnTheBucket() throws Exception {
        String bucket = s3.createBucket();
        Map<String, String> options = options(bucket, "");
        Path config = secrets.resolve("server.properties");
        StringBuilder conf = new StringBuilder("files.provider=s3\n");
        options.forEach((k, v) -> conf.append("files.s3.").append(k).append('=').append(v).append('\n'));
        Files.writeString(config, conf);
        byte[] first = Peer.randomBytes(3, 200_000);
        byte[] second = Peer.randomBytes(4, 777);
        Peer.Identity who;
        try (TestServer server = TestServer.start(data, c -> c.toBuilder().files("s3", options).build())) {
            try (TestClient c = server.connect()) {
                who = Peer.register(c, "bob");
                Peer.store(c, who, "doc.bin", first);
                Peer.store(c, who, "doc.bin", second);
                Peer.store(c, who, "other.bin", first);
            }
            server.awaitConnectionsEnded();
        }
        try (ObjectStore bucketView = bucketView(bucket, "")) {
            String doc = "files/" + who.id().hex() + "/doc.bin";
            AdminRun verify = AdminRun.on(data, "--config", config.toString(), "verify");
            assertEquals(0, verify.status(), verify::toString);
            assertTrue(verify.out().contains("checked 2 files and 1 versions of 1 clients, " + (2L * first.length
                    + second.length) + " bytes read: no problems"), verify::toString);

            AdminRun export = AdminRun.on(data, "--config", config.toString(), "export");
            assertEquals(0, export.status(), export::toString);
            assertTrue(export.out().contains("\"path\":\"" + doc + "\",\"verified\":true,\"bytes\":" + second.length),
                    export::toString);

            AdminRun restore = AdminRun.on(data, "--config", config.toString(), "restore", "bob", "doc.bin", "1");
            assertEquals(0, restore.status(), restore::toString);
            try (InputStream in = bucketView.read(doc)) {
                assertArrayEquals(first, in.readAllBytes());
            }
            AdminRun again = AdminRun.on(data, "--config", config.toString(), "verify");
            assertEquals(0, again.status(), again::toString);
            assertTrue(again.out().contains("checked 2 files and 2 versions"), again::toString);

            // damage in the bucket is found: other bytes under a file's key, a version's key gone
            var w = bucketView.upload(doc);
            w.write(second);
            w.complete();
            String version = bucketView.list("files/" + who.id().hex() + "/.versions/").getFirst();
            bucketView.delete(version);
            AdminRun damaged = AdminRun.on(data, "--config", config.toString(), "verify");
            assertEquals(6, damaged.status(), damaged::toString);
            assertTrue(damaged.out().contains("size differs: " + who.id().hex() + " doc.bin (" + doc + ")"),
                    damaged::toString);
            assertTrue(damaged.out().contains("missing: " + who.id().hex() + " doc.bin version"), damaged::toString);

            AdminRun delete = AdminRun.on(data, "--config", config.toString(), "delete-client", "bob", "--yes");
            assertEquals(0, delete.status(), delete::toString);
            assertEquals(List.of(), bucketView.list("files/"));
        }
    }

    @Test
    void versionsKeepHoldsInTheBucket() throws Exception {
        String bucket = s3.createBucket();
        Map<String, String> options = options(bucket, "");
        Peer.Identity who;
        try (TestServer server = TestServer.start(data, c -> c.toBuilder().files("s3", options).build()
                .withSafeguards(c.safeguards().withVersions(new dropvault.storage.VersionPolicy(1, 0))));
             TestClient c = server.connect()) {
            who = Peer.register(c, "carol");
            for (int i = 1; i <= 4; i++) {
                Peer.store(c, who, "doc.bin", Peer.randomBytes(10 + i, 1000 * i));
            }
            SealedPeer sealed = new SealedPeer(c, who);
            assertArrayEquals(Peer.randomBytes(14, 4000), sealed.get("doc.bin", 0).content());
            assertArrayEquals(Peer.randomBytes(13, 3000), sealed.get("doc.bin", 3).content());
        }
        try (ObjectStore bucketView = bucketView(bucket, "")) {
            List<String> keys = bucketView.list("files/" + who.id().hex() + "/");
            assertEquals(2, keys.size(), "the file and the one version versions.keep=1 keeps: " + keys);
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
