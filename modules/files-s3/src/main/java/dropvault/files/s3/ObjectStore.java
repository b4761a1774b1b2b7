package dropvault.files.s3;

import dropvault.storage.OutageLog;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The objects of one bucket under one prefix, through the AWS SDK for Java 2: streamed multipart
 * uploads, server-side copies, whole and ranged reads, deletes, listings of objects and of
 * multipart uploads left unfinished. Keys given and returned are relative to {@link S3Settings#prefix()}.
 * Every failure is an {@link ObjectStoreException}. Safe for use by several threads.
 */
public final class ObjectStore implements AutoCloseable {
    private final S3Client s3;
    private final S3Settings settings;
    private final Failures failures;
    private final PartMemory partMemory;
    // each part upload a virtual thread: the writer bounds how many there are
    private final ExecutorService uploads = Executors.newVirtualThreadPerTaskExecutor();

    private ObjectStore(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
        this.failures = new Failures(new OutageLog(System.getLogger("dropvault.server"), "files",
                "the object store answers again", settings.reportInterval()));
        this.partMemory = new PartMemory(settings.memoryBytes(), settings.readTimeout());
    }

    public static ObjectStore open(S3Settings settings) {
        S3Credentials c = settings.credentials();
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.readTimeout())
                        .build())
                // the SDK's default trailing checksums (aws-chunked bodies) are not read by every
                // S3-compatible store (S3Proxy answers 400): checksums only where S3 requires them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(b::endpointOverride);
        return new ObjectStore(b.build(), settings);
    }

    public S3Settings settings() {
        return settings;
    }

    /** Bytes the part buffers of this store's uploads hold now. */
    long partMemoryInUse() {
        return partMemory.inUse();
    }

    /** The most the part buffers held at once. */
    long partMemoryPeak() {
        return partMemory.peak();
    }

    /**
     * A writer of {@code key}: nothing appears under the key before {@link MultipartWriter#complete()}; the
     * multipart upload begins with its first full part.
     */
    public MultipartWriter upload(String key) {
        return new MultipartWriter(s3, uploads, failures, partMemory, settings, objectKey(key));
    }

    /** The object's size in bytes. */
    public long size(String key) throws ObjectStoreException {
        return call("size of " + key, () -> s3.headObject(r -> r.bucket(settings.bucket()).key(objectKey(key)))
                .contentLength());
    }

    /** When the object was last written. */
    public Instant lastModified(String key) throws ObjectStoreException {
        return call("time of " + key, () -> s3.headObject(r -> r.bucket(settings.bucket()).key(objectKey(key)))
                .lastModified());
    }

    /** Copies {@code from} to {@code to} inside the store, without the bytes passing through here. */
    public void copy(String from, String to) throws ObjectStoreException {
        long size = size(from);
        String source = objectKey(from);
        String target = objectKey(to);
        String what = "copy " + from + " to " + to;
        if (size <= settings.largestSingleCopy()) {
            call(what, () -> s3.copyObject(r -> r.sourceBucket(settings.bucket()).sourceKey(source)
                    .destinationBucket(settings.bucket()).destinationKey(target)));
        } else {
            copyInParts(source, target, size, what);
        }
    }

    /** The whole object, streamed from the store. */
    public InputStream read(String key) throws ObjectStoreException {
        String objectKey = objectKey(key);
        String what = "read " + key;
        return new Reading(call(what, () -> s3.getObject(r -> r.bucket(settings.bucket()).key(objectKey))), what);
    }

    /** {@code length} bytes of the object from {@code offset} (fewer if the object ends first). */
    public InputStream read(String key, long offset, long length) throws ObjectStoreException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        String objectKey = objectKey(key);
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        String what = "read " + key + " " + range;
        return new Reading(call(what, () -> s3.getObject(r -> r.bucket(settings.bucket()).key(objectKey)
                .range(range))), what);
    }

    /** Removes the object; removing one that is not there is no error. */
    public void delete(String key) throws ObjectStoreException {
        call("delete " + key, () -> s3.deleteObject(r -> r.bucket(settings.bucket()).key(objectKey(key))));
    }

    /** The keys under {@code prefix} (itself relative to the store's prefix), in the store's order. */
    public List<String> list(String prefix) throws ObjectStoreException {
        String full = objectKey(prefix);
        return call("list " + prefix, () -> s3.listObjectsV2Paginator(r -> r.bucket(settings.bucket()).prefix(full))
                .contents().stream().map(S3Object::key).map(this::relativeKey).toList());
    }

    /** Multipart uploads under the store's prefix begun and neither completed nor aborted. */
    public List<PendingUpload> pendingUploads() throws ObjectStoreException {
        return call("list the multipart uploads", () -> s3.listMultipartUploadsPaginator(r -> r
                .bucket(settings.bucket()).prefix(settings.prefix())).uploads().stream()
                .map(this::pending).toList());
    }

    /** Aborts one pending multipart upload; one already gone is no error. */
    public void abort(PendingUpload upload) throws ObjectStoreException {
        try {
            call("abort the upload of " + upload.key(), () -> s3.abortMultipartUpload(r -> r.bucket(settings.bucket())
                    .key(objectKey(upload.key())).uploadId(upload.uploadId())));
        } catch (ObjectStoreException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        uploads.close();
        s3.close();
    }

    private void copyInParts(String source, String target, long size, String what) throws ObjectStoreException {
        String uploadId = call(what, () -> s3.createMultipartUpload(r -> r.bucket(settings.bucket()).key(target))
                .uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long step = settings.copyPartSize();
            for (long first = 0; first < size; first += step) {
                int partNumber = parts.size() + 1;
                String range = "bytes=" + first + "-" + (Math.min(first + step, size) - 1);
                String etag = call(what, () -> s3.uploadPartCopy(r -> r.sourceBucket(settings.bucket()).sourceKey(source)
                        .destinationBucket(settings.bucket()).destinationKey(target).uploadId(uploadId)
                        .partNumber(partNumber).copySourceRange(range)).copyPartResult().eTag());
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            call(what, () -> s3.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(target).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))));
        } catch (ObjectStoreException e) {
            try {
                abort(new PendingUpload(relativeKey(target), uploadId, Instant.now()));
            } catch (ObjectStoreException ignored) {
                // the first failure is the one reported; the sweep removes the rest
            }
            throw e;
        }
    }

    private PendingUpload pending(MultipartUpload u) {
        return new PendingUpload(relativeKey(u.key()), u.uploadId(), u.initiated());
    }

    private String objectKey(String key) {
        return settings.prefix() + key;
    }

    private String relativeKey(String objectKey) {
        return objectKey.startsWith(settings.prefix()) ? objectKey.substring(settings.prefix().length()) : objectKey;
    }

    private <T> T call(String what, Supplier<T> operation) throws ObjectStoreException {
        try {
            T result = operation.get();
            failures.answered();
            return result;
        } catch (RuntimeException e) {
            throw failures.of(what, e);
        }
    }

    /** An object's bytes as they come; a connection cut while reading is an unreachable store. */
    private final class Reading extends FilterInputStream {
        private final String what;

        Reading(InputStream in, String what) {
            super(in);
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RuntimeException e) {
                throw unreachable(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw unreachable(e);
            }
        }

        private ObjectStoreException unreachable(Exception e) {
            return e instanceof ObjectStoreException o ? o : failures.reported(new ObjectStoreException(
                    ObjectStoreException.Kind.UNREACHABLE, what + ": the connection broke (" + e.getMessage() + ")", e));
        }
    }
}
