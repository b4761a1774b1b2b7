package dropvault.files.s3;

import dropvault.storage.files.FileArea;
import dropvault.storage.contract.FileAreaContract;
import dropvault.testing.s3.EmbeddedS3;
import org.junit.jupiter.api.AfterEach;

/** A bucket of a real S3 server (S3Proxy, started by the tests) passes the file-area contract. */
class S3FileAreaContractTest extends FileAreaContract {
    private ObjectStore store;

    @Override
    protected FileArea area() {
        store = ObjectStore.open(ObjectStoreTest.settings(EmbeddedS3.shared(), EmbeddedS3.shared().createBucket())
                .partSize(S3Settings.MIN_PART_SIZE).build());
        return new S3FileArea(store);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }
}
