package dropvault.testing.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class EmbeddedS3Test {

    @Test
    void servesBucketsAndObjectsOnLoopbackAndSurvivesAStopAndARestart() {
        try (EmbeddedS3 s3 = EmbeddedS3.start(); S3Client client = client(s3)) {
            client.createBucket(b -> b.bucket("made-through-s3"));
            client.putObject(b -> b.bucket("made-through-s3").key("a/b.txt"), RequestBody.fromString("hello"));
            assertEquals("hello", client.getObjectAsBytes(b -> b.bucket("made-through-s3").key("a/b.txt"))
                    .asString(StandardCharsets.UTF_8));

            s3.stop();
            assertFalse(s3.isRunning());
            assertThrows(SdkClientException.class, () -> client.headBucket(b -> b.bucket("made-through-s3")));

            int port = s3.port();
            s3.restart();
            assertEquals(port, s3.port());
            assertEquals("hello", client.getObjectAsBytes(b -> b.bucket("made-through-s3").key("a/b.txt"))
                    .asString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSharedServerGivesEachCallerItsOwnBucketAndRefusesWrongCredentials() {
        EmbeddedS3 s3 = EmbeddedS3.shared();
        String a = s3.createBucket();
        String b = s3.createBucket();
        assertNotEquals(a, b);
        try (S3Client client = client(s3)) {
            client.putObject(r -> r.bucket(a).key("only-in-a"), RequestBody.fromString("x"));
            assertTrue(client.listObjectsV2(r -> r.bucket(b)).contents().isEmpty());
            assertEquals(1, client.listObjectsV2(r -> r.bucket(a)).contents().size());
        }
        try (S3Client wrong = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(EmbeddedS3.REGION))
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY,
                        "not-the-secret"))).build()) {
            S3Exception refused = assertThrows(S3Exception.class, () -> wrong.listObjectsV2(r -> r.bucket(a)));
            assertEquals(403, refused.statusCode());
        }
    }

    private static S3Client client(EmbeddedS3 s3) {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.of(EmbeddedS3.REGION))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).build())
                // S3Proxy does not read the SDK's default trailing checksums (aws-chunked bodies)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .build();
    }
}
