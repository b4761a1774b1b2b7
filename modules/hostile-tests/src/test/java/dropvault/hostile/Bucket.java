package dropvault.hostile;

import dropvault.testing.s3.EmbeddedS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A bucket of the test's S3 server as the servers share it: what the tests look at, through the S3 API. */
final class Bucket implements AutoCloseable {
    final EmbeddedS3 s3;
    final String name;
    private final S3Client client;

    Bucket(EmbeddedS3 s3) {
        this.s3 = s3;
        this.name = s3.createBucket();
        this.client = S3Client.builder().region(Region.of(EmbeddedS3.REGION)).forcePathStyle(true)
                .endpointOverride(s3.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** A server's options for keeping its files in this bucket, its credentials in a file under {@code work}. */
    ServerProcess.Options filesOf(ServerProcess.Options options, Path work) throws java.io.IOException {
        Path credentials = work.resolve("s3-credentials");
        Files.writeString(credentials, "[default]\naws_access_key_id = " + EmbeddedS3.ACCESS_KEY
                + "\naws_secret_access_key = " + EmbeddedS3.SECRET_KEY + "\n");
        return options.set("files.provider", "s3")
                .set("files.s3.endpoint", s3.endpoint())
                .set("files.s3.region", EmbeddedS3.REGION)
                .set("files.s3.bucket", name)
                .set("files.s3.path.style", "true")
                .set("files.s3.credentials.file", credentials);
    }

    /** The keys of the objects under {@code prefix}. */
    List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(r -> r.bucket(name).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    /**
     * The keys of the multipart uploads begun and neither completed nor aborted. S3Proxy's file-system
     * back end answers 500 to a listing that meets a part being written: such a listing is asked again.
     */
    List<String> pendingUploads() {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.listMultipartUploadsPaginator(r -> r.bucket(name)).uploads().stream()
                        .map(MultipartUpload::key).toList();
            } catch (S3Exception e) {
                if (e.statusCode() < 500 || attempt == 100) {
                    throw e;
                }
            }
        }
    }

    boolean exists(String key) {
        return keys(key).contains(key);
    }

    /** The SHA-256 of the object's bytes, read through the S3 API. */
    String sha256(String key) throws java.io.IOException {
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(r -> r.bucket(name).key(key))) {
            return Snapshot.sha256(in);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
