package dropvault.files.s3;

import dropvault.server.spi.FileArea;
import dropvault.server.spi.FileAreaProvider;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code files.provider=s3}: received files in a bucket, with the options {@code files.s3.endpoint},
 * {@code region}, {@code bucket}, {@code prefix}, {@code path.style} and the rest of {@link S3Settings#fromOptions},
 * and the credentials from {@code files.s3.credentials.file} or the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}). At start it aborts the multipart uploads and deletes the temporary keys that
 * stopped servers left, those older than the stale age.
 */
public final class S3FileAreaProvider implements FileAreaProvider {
    private static final System.Logger LOG = System.getLogger("dropvault.server");

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public FileArea open(Map<String, String> options, Duration staleAfter) throws IOException {
        ObjectStore store = ObjectStore.open(S3Settings.fromOptions(options, System::getenv));
        int aborted = store.abortUploadsOlderThan(staleAfter).size();
        int deleted = 0;
        Instant staleBefore = Instant.now().minus(staleAfter);
        for (String key : store.list(S3FileArea.FILES)) {
            if (key.contains("/" + S3FileArea.TEMP_PREFIX) && store.lastModified(key).isBefore(staleBefore)) {
                store.delete(key);
                deleted++;
            }
        }
        if (aborted + deleted > 0) {
            LOG.log(System.Logger.Level.INFO, "removed " + (aborted + deleted) + " unfinished uploads left in "
                    + store.settings().bucket() + " by stopped servers");
        }
        return new S3FileArea(store);
    }
}
