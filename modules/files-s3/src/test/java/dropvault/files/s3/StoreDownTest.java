package dropvault.files.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.files.UploadTarget;
import dropvault.storage.files.UploadWriter;
import dropvault.testing.s3.EmbeddedS3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An S3 server of its own, stopped and started again by each test. */
class StoreDownTest {
    private static final int MIB = 1024 * 1024;
    private static final ClientId CLIENT = ClientId.fromHex("0102030405060708090a0b0c0d0e0f10");
    private static EmbeddedS3 s3;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.start();
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void aStoppedServerMidUploadIsUnreachableAndARestartedOneServesAgain() throws IOException {
        try (ObjectStore own = ObjectStore.open(ObjectStoreTest.settings(s3, s3.createBucket()).build())) {
            MultipartWriter w = own.upload("interrupted");
            // stopped while the first part fills: S3Proxy's file-system back end, killed while it
            // writes a part, keeps a part file that fails its later listings (500)
            Bytes.write(w, 4L * MIB);
            s3.stop();
            ObjectStoreException down = assertThrows(ObjectStoreException.class, () -> {
                Bytes.write(w, 8L * MIB);
                w.complete();
            });
            assertTrue(down.isUnreachable(), down.getMessage());
            ObjectStoreException listing = assertThrows(ObjectStoreException.class, () -> own.list(""));
            assertTrue(listing.isUnreachable(), listing.getMessage());

            s3.restart();
            MultipartWriter again = own.upload("after-restart");
            Bytes.write(again, 6L * MIB);
            again.complete();
            try (InputStream in = own.read("after-restart")) {
                Bytes.assertContent(in, 0, 6L * MIB);
            }
            // the upload that failed at its first part had not begun a multipart upload: it left nothing
            assertTrue(own.pendingUploads().isEmpty());
            assertEquals(List.of("after-restart"), own.list(""));
        }
    }

    @Test
    void whatAStoreThatWasDownCouldNotRemoveGoesWithTheNextUploadOnceItAnswers() throws Exception {
        try (ObjectStore own = ObjectStore.open(ObjectStoreTest.settings(s3, s3.createBucket()).partsInMemory(1)
                .build())) {
            S3FileArea area = new S3FileArea(own, UploadWriter.thisProcess(), Clock.systemUTC());
            UploadTarget cut = S3LeftoversTest.begun(area);
            UploadTarget dropped = area.newUpload(CLIENT);
            dropped.channel().write(ByteBuffer.wrap(new byte[1000]));
            UploadTarget ended = area.newUpload(CLIENT);
            try (WritableByteChannel ch = ended.channel()) {
                ch.write(ByteBuffer.wrap(new byte[10]));
            }
            s3.stop();
            cut.discard();
            ended.discard();
            dropped.discard();
            assertEquals(2, area.removalsWaiting(), "an abort and a delete wait for the store; the upload that"
                    + " filled no part left nothing");
            s3.restart();
            UploadTarget next = area.newUpload(CLIENT);
            assertEquals(0, area.removalsWaiting());
            assertEquals(List.of(), own.pendingUploads());
            assertEquals(List.of(), own.list(""));
            next.discard();
        }
    }
}
