package dropvault.files.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3SettingsTest {

    @Test
    void credentialsComeFromTheEnvironmentAndNeverShowTheirSecret() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "s3cr3t-value");
        S3Settings s = S3Settings.fromOptions(Map.of("bucket", "files", "endpoint", "http://127.0.0.1:9000",
                "prefix", "dv/", "part.size", "6291456", "parts.in.memory", "3"), env::get);
        assertEquals("AKIDEXAMPLE", s.credentials().accessKeyId());
        assertEquals(URI.create("http://127.0.0.1:9000"), s.endpoint().orElseThrow());
        assertEquals(6291456, s.partSize());
        assertEquals(3, s.partsInMemory());
        assertTrue(s.pathStyle());
        assertFalse(s.toString().contains("s3cr3t"), s.toString());
        assertFalse(s.credentials().toString().contains("s3cr3t"));
        assertTrue(s.toString().contains("AKIDEXAMPLE"));
    }

    @Test
    void credentialsComeFromAFileInTheAwsFormatBeforeTheEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("credentials");
        Files.writeString(file, """
                # written by hand
                [default]
                aws_access_key_id = from-file
                aws_secret_access_key = file-secret
                [other]
                aws_access_key_id = not-this-one
                """);
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "from-env", "AWS_SECRET_ACCESS_KEY", "env-secret");
        S3Settings s = S3Settings.fromOptions(Map.of("bucket", "b", "credentials.file", file.toString()), env::get);
        assertEquals(new S3Credentials("from-file", "file-secret"), s.credentials());
    }

    @Test
    void refusesMissingCredentialsAndPartsBelowS3sMinimum(@TempDir Path dir) throws IOException {
        assertThrows(IllegalArgumentException.class, () -> S3Settings.fromOptions(Map.of("bucket", "b"), k -> null));
        Path file = dir.resolve("credentials");
        Files.writeString(file, "aws_access_key_id = only-the-id\n");
        IOException e = assertThrows(IOException.class, () -> S3Credentials.fromFile(file));
        assertFalse(e.getMessage().contains("only-the-id"), e.getMessage());
        S3Credentials c = new S3Credentials("id", "secret");
        assertThrows(IllegalArgumentException.class,
                () -> S3Settings.builder("b", c).partSize(S3Settings.MIN_PART_SIZE - 1).build());
        assertThrows(IllegalArgumentException.class, () -> S3Settings.builder(" ", c).build());
    }
}
