package eval.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;

public class Main {
    public static void main(String[] args) throws Exception {
        S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(args[0]))
                .region(Region.of("us-east-1"))
                .forcePathStyle(true)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        if (args[1].equals("put")) {
            s3.putObject(b -> b.bucket("eval").key("startup"), RequestBody.fromBytes("hello".getBytes(StandardCharsets.UTF_8)));
            System.out.println("PUT_DONE " + System.currentTimeMillis());
            return;
        }
        // features
        try { s3.createBucket(b -> b.bucket("eval")); } catch (S3Exception e) { System.out.println("bucket: " + e.getMessage()); }
        byte[] part = new byte[5 * 1024 * 1024];
        for (int i = 0; i < part.length; i++) part[i] = (byte) i;
        String id = s3.createMultipartUpload(b -> b.bucket("eval").key("mp")).uploadId();
        System.out.println("create " + id);
        List<CompletedPart> parts = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            int pn = n;
            String etag = s3.uploadPart(b -> b.bucket("eval").key("mp").uploadId(id).partNumber(pn).contentLength((long) part.length), RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(pn).eTag(etag).build());
        }
        ListMultipartUploadsResponse l = s3.listMultipartUploads(b -> b.bucket("eval"));
        System.out.println("in progress: " + l.uploads().stream().map(u -> u.key() + " " + u.uploadId() + " " + u.initiated()).toList());
        s3.completeMultipartUpload(b -> b.bucket("eval").key("mp").uploadId(id).multipartUpload(m -> m.parts(parts)));
        System.out.println("head " + s3.headObject(b -> b.bucket("eval").key("mp")).contentLength());
        s3.copyObject(b -> b.sourceBucket("eval").sourceKey("mp").destinationBucket("eval").destinationKey("copy"));
        System.out.println("copy " + s3.headObject(b -> b.bucket("eval").key("copy")).contentLength());
        String id2 = s3.createMultipartUpload(b -> b.bucket("eval").key("partcopy")).uploadId();
        String e1 = s3.uploadPartCopy(b -> b.sourceBucket("eval").sourceKey("mp").destinationBucket("eval").destinationKey("partcopy").uploadId(id2).partNumber(1).copySourceRange("bytes=0-5242879")).copyPartResult().eTag();
        String e2 = s3.uploadPartCopy(b -> b.sourceBucket("eval").sourceKey("mp").destinationBucket("eval").destinationKey("partcopy").uploadId(id2).partNumber(2).copySourceRange("bytes=5242880-10485759")).copyPartResult().eTag();
        s3.completeMultipartUpload(b -> b.bucket("eval").key("partcopy").uploadId(id2).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));
        System.out.println("uploadPartCopy " + s3.headObject(b -> b.bucket("eval").key("partcopy")).contentLength());
        ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket("eval").key("partcopy").range("bytes=5242880-5242889"));
        System.out.println("range " + java.util.Arrays.toString(r.asByteArray()));
        String id3 = s3.createMultipartUpload(b -> b.bucket("eval").key("aborted")).uploadId();
        s3.abortMultipartUpload(b -> b.bucket("eval").key("aborted").uploadId(id3));
        System.out.println("after abort: " + s3.listMultipartUploads(b -> b.bucket("eval")).uploads().size());
        System.out.println("list: " + s3.listObjectsV2(b -> b.bucket("eval")).contents().stream().map(S3Object::key).toList());
    }
}
