package dropvault.files.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the objects go and how they are written. {@link #toString()} shows everything but the secret.
 *
 * @param endpoint     the store's address, {@code http(s)://HOST:PORT}; empty for AWS's own endpoint of the region
 * @param region       the signing region ({@code us-east-1} for most S3-compatible stores)
 * @param bucket       the bucket, which must exist
 * @param prefix       put before every key ({@code "files/"}); keys in and out of the store are relative to it
 * @param pathStyle    the bucket in the path ({@code http://HOST/BUCKET/KEY}), as S3-compatible stores want
 * @param credentials  the access key and its secret
 * @param partSize     bytes per part of a multipart upload, at least 5 MiB (S3's minimum for all parts but the last)
 * @param partsInMemory part buffers one upload may hold: one filling while the others upload
 * @param connectTimeout how long a connection may take to open
 * @param readTimeout  how long the store may be silent during a request
 * @param largestSingleCopy objects up to this size are copied with one CopyObject (S3 allows 5 GiB); larger
 *                     ones part by part with UploadPartCopy
 * @param copyPartSize bytes per part of a copy in parts
 * @param reportInterval the least time between two log lines while the store does not answer
 * @param memoryBytes  what the part buffers of all uploads may hold together: a quarter of the heap, at most
 *                     256 MiB and at least two parts, by default
 */
public record S3Settings(Optional<URI> endpoint, String region, String bucket, String prefix, boolean pathStyle,
                         S3Credentials credentials, int partSize, int partsInMemory, Duration connectTimeout,
                         Duration readTimeout, long largestSingleCopy, long copyPartSize, Duration reportInterval,
                         long memoryBytes) {
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    public static final long MAX_COPY_PART_SIZE = 5L * 1024 * 1024 * 1024;
    public static final int MAX_PARTS = 10_000;

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("S3 settings need a bucket");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size " + partSize + " is below S3's minimum of " + MIN_PART_SIZE);
        }
        if (partsInMemory < 1) {
            throw new IllegalArgumentException("parts in memory must be at least 1, not " + partsInMemory);
        }
        if (copyPartSize < MIN_PART_SIZE || copyPartSize > MAX_COPY_PART_SIZE
                || largestSingleCopy < 0 || largestSingleCopy > MAX_COPY_PART_SIZE) {
            throw new IllegalArgumentException("copy sizes must lie between 5 MiB and 5 GiB");
        }
        if (memoryBytes < partSize) {
            throw new IllegalArgumentException("the memory for upload parts (" + memoryBytes + ") must hold one part of "
                    + partSize + " bytes");
        }
        if (reportInterval.isNegative()) {
            throw new IllegalArgumentException("the report interval must not be negative");
        }
        prefix = prefix == null ? "" : prefix;
    }

    /** Settings with the defaults: AWS's region us-east-1, path style, 8 MiB parts, two in memory. */
    public static Builder builder(String bucket, S3Credentials credentials) {
        return new Builder(bucket, credentials);
    }

    /**
     * Settings from options named as in a configuration file ({@code endpoint}, {@code region},
     * {@code bucket}, {@code prefix}, {@code path.style}, {@code part.size}, {@code parts.in.memory},
     * {@code connect.timeout.millis}, {@code read.timeout.millis}, {@code report.interval.millis}, {@code memory.bytes}) and the credentials from the file
     * that {@code credentials.file} names, else from the environment.
     */
    public static S3Settings fromOptions(Map<String, String> options, UnaryOperator<String> environment) {
        String file = options.get("credentials.file");
        S3Credentials credentials;
        try {
            credentials = file != null ? S3Credentials.fromFile(Path.of(file.strip()))
                    : S3Credentials.fromEnvironment(environment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the S3 credentials file " + file, e);
        }
        Builder b = builder(options.get("bucket"), credentials);
        Optional.ofNullable(options.get("endpoint")).map(String::strip).map(URI::create).ifPresent(b::endpoint);
        Optional.ofNullable(options.get("region")).map(String::strip).ifPresent(b::region);
        Optional.ofNullable(options.get("prefix")).ifPresent(b::prefix);
        Optional.ofNullable(options.get("path.style")).map(v -> Boolean.parseBoolean(v.strip())).ifPresent(b::pathStyle);
        Optional.ofNullable(options.get("part.size")).map(v -> Integer.parseInt(v.strip())).ifPresent(b::partSize);
        Optional.ofNullable(options.get("parts.in.memory")).map(v -> Integer.parseInt(v.strip()))
                .ifPresent(b::partsInMemory);
        Optional.ofNullable(options.get("connect.timeout.millis")).map(v -> Duration.ofMillis(Long.parseLong(v.strip())))
                .ifPresent(b::connectTimeout);
        Optional.ofNullable(options.get("read.timeout.millis")).map(v -> Duration.ofMillis(Long.parseLong(v.strip())))
                .ifPresent(b::readTimeout);
        Optional.ofNullable(options.get("report.interval.millis")).map(v -> Duration.ofMillis(Long.parseLong(v.strip())))
                .ifPresent(b::reportInterval);
        Optional.ofNullable(options.get("memory.bytes")).map(v -> Long.parseLong(v.strip())).ifPresent(b::memoryBytes);
        return b.build();
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint.map(URI::toString).orElse("(AWS)") + ", region=" + region
                + ", bucket=" + bucket + ", prefix=" + prefix + ", pathStyle=" + pathStyle + ", credentials="
                + credentials + ", partSize=" + partSize + ", partsInMemory=" + partsInMemory
                + ", memoryBytes=" + memoryBytes + "]";
    }

    /** Builds {@link S3Settings}; every setting but the bucket and the credentials has a default. */
    public static final class Builder {
        private final String bucket;
        private final S3Credentials credentials;
        private Optional<URI> endpoint = Optional.empty();
        private String region = "us-east-1";
        private String prefix = "";
        private boolean pathStyle = true;
        private int partSize = 8 * 1024 * 1024;
        private int partsInMemory = 2;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(30);
        private long largestSingleCopy = MAX_COPY_PART_SIZE;
        private long copyPartSize = 1024L * 1024 * 1024;
        private Duration reportInterval = Duration.ofSeconds(10);
        private long memoryBytes = -1;

        private Builder(String bucket, S3Credentials credentials) {
            this.bucket = bucket;
            this.credentials = credentials;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = Optional.of(endpoint);
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public Builder partSize(int partSize) {
            this.partSize = partSize;
            return this;
        }

        public Builder partsInMemory(int partsInMemory) {
            this.partsInMemory = partsInMemory;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** Objects larger than {@code largestSingleCopy} are copied in parts of {@code copyPartSize}. */
        public Builder copyInParts(long largestSingleCopy, long copyPartSize) {
            this.largestSingleCopy = largestSingleCopy;
            this.copyPartSize = copyPartSize;
            return this;
        }

        /** At most one log line per interval while the store does not answer. */
        public Builder reportInterval(Duration reportInterval) {
            this.reportInterval = reportInterval;
            return this;
        }

        /** What the part buffers of all uploads may hold together. */
        public Builder memoryBytes(long memoryBytes) {
            this.memoryBytes = memoryBytes;
            return this;
        }

        public S3Settings build() {
            long memory = memoryBytes >= 0 ? memoryBytes
                    : Math.max(2L * partSize, Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));
            return new S3Settings(endpoint, region, bucket, prefix, pathStyle, credentials, partSize, partsInMemory,
                    connectTimeout, readTimeout, largestSingleCopy, copyPartSize, reportInterval, memory);
        }
    }
}
