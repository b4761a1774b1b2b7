package dropvault.files.s3;

import dropvault.storage.files.FileArea;
import dropvault.storage.files.FileAreaProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code files.provider=s3}: received files in a bucket, with the options {@code files.s3.endpoint},
 * {@code region}, {@code bucket}, {@code prefix}, {@code path.style} and the rest of {@link S3Settings#fromOptions},
 * and the credentials from {@code files.s3.credentials.file} or the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}). The data folder holds none of its bytes.
 */
public final class S3FileAreaProvider implements FileAreaProvider {

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public FileArea open(Path dataDir, Map<String, String> options) {
        return new S3FileArea(ObjectStore.open(S3Settings.fromOptions(options, System::getenv)));
    }
}
