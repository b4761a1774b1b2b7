package dropvault.files.s3;

import dropvault.server.spi.FileArea;
import dropvault.server.spi.FileAreaProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code files.provider=s3}: received files in a bucket, with the options {@code files.s3.endpoint},
 * {@code region}, {@code bucket}, {@code prefix}, {@code path.style} and the rest of {@link S3Settings#fromOptions},
 * and the credentials from {@code files.s3.credentials.file} or the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}). At start it aborts the multipart uploads and deletes the temporary keys that
 * stopped servers left ({@link S3FileArea#removeLeftovers}).
 */
public final class S3FileAreaProvider implements FileAreaProvider {
    private static final System.Logger LOG = System.getLogger("dropvault.server");

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public FileArea open(Map<String, String> options, Duration staleAfter) throws IOException {
        S3FileArea area = new S3FileArea(ObjectStore.open(S3Settings.fromOptions(options, System::getenv)));
        try {
            int removed = area.removeLeftovers(staleAfter);
            if (removed > 0) {
                LOG.log(System.Logger.Level.INFO, "removed " + removed + " unfinished uploads left in the bucket by"
                        + " stopped servers");
            }
        } catch (IOException | RuntimeException e) {
            area.close();
            throw e;
        }
        return area;
    }
}
