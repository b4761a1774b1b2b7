package dropvault.files.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An access key id and its secret. The secret never leaves through {@link #toString()}: it goes to
 * the request signer only.
 */
public record S3Credentials(String accessKeyId, String secretAccessKey) {
    public static final String ACCESS_KEY_VARIABLE = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_KEY_VARIABLE = "AWS_SECRET_ACCESS_KEY";

    public S3Credentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("S3 credentials need an access key id and a secret access key");
        }
    }

    /** From {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, as every S3 tool reads them. */
    public static S3Credentials fromEnvironment(UnaryOperator<String> environment) {
        String id = environment.apply(ACCESS_KEY_VARIABLE);
        String secret = environment.apply(SECRET_KEY_VARIABLE);
        if (id == null || secret == null) {
            throw new IllegalArgumentException("S3 credentials: " + ACCESS_KEY_VARIABLE + " and " + SECRET_KEY_VARIABLE
                    + " must both be set");
        }
        return new S3Credentials(id.strip(), secret.strip());
    }

    /**
     * From a file in the AWS credentials format: {@code aws_access_key_id = ...} and
     * {@code aws_secret_access_key = ...}, in profile {@code [default]} or before any profile.
     */
    public static S3Credentials fromFile(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        String profile = "default";
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                profile = line.substring(1, line.length() - 1).strip();
            } else if (profile.equals("default") && !line.startsWith("#") && !line.startsWith(";")
                    && line.contains("=")) {
                int eq = line.indexOf('=');
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        String id = values.get("aws_access_key_id");
        String secret = values.get("aws_secret_access_key");
        if (id == null || secret == null) {
            // the message names the file and the keys, never a value read from it
            throw new IOException(file + " must hold aws_access_key_id and aws_secret_access_key (profile [default])");
        }
        return new S3Credentials(id, secret);
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=(hidden)]";
    }
}
