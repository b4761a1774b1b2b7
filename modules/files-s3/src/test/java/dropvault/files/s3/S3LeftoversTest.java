package dropvault.files.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.files.UploadTarget;
import dropvault.storage.files.UploadWriter;
import dropvault.testing.s3.EmbeddedS3;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up sweep of a bucket: what a gone server of this host left goes at once, what live
 * servers write stays, another host's goes only once stale.
 */
class S3LeftoversTest {
    private static final ClientId CLIENT = ClientId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
    private ObjectStore store;

    @BeforeEach
    void openOnAFreshBucket() {
        store = ObjectStore.open(ObjectStoreTest.settings(EmbeddedS3.shared(), EmbeddedS3.shared().createBucket())
                .partsInMemory(1).build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private S3FileArea area(String host, long pid, Clock clock) {
        return new S3FileArea(store, new UploadWriter(host, pid), clock);
    }

    /**
     * An upload begun and never ended: a multipart upload in the store, no object. With one part buffer,
     * the byte after the first part waits for it: no part is being written when the test lists.
     */
    static UploadTarget begun(S3FileArea area) throws IOException {
        UploadTarget t = area.newUpload(CLIENT);
        WritableByteChannel ch = t.channel();
        ch.write(ByteBuffer.wrap(new byte[S3Settings.MIN_PART_SIZE + 1]));
        return t;
    }

    /** An upload whose bytes ended but that was never kept: a temporary object. */
    private static UploadTarget ended(S3FileArea area) throws IOException {
        UploadTarget t = area.newUpload(CLIENT);
        try (WritableByteChannel ch = t.channel()) {
            ch.write(ByteBuffer.wrap(new byte[10]));
        }
        return t;
    }

    @Test
    void removesWhatGoneServersLeftAndKeepsWhatLiveOnesWrite() throws Exception {
        long livePid = ProcessHandle.current().pid();
        Process exited = new ProcessBuilder("true").start();
        assertTrue(exited.waitFor(60, TimeUnit.SECONDS));
        long deadPid = exited.pid();
        Clock now = Clock.systemUTC();

        UploadTarget live = begun(area("hosta", livePid, now));
        UploadTarget liveEnded = ended(area("hosta", livePid, now));
        begun(area("hosta", deadPid, now));
        ended(area("hosta", deadPid, now));
        UploadTarget otherHost = begun(area("hostb", deadPid, now));
        MultipartWriter copyCutShort = store.upload("files/" + CLIENT.hex() + "/big.bin");
        copyCutShort.write(new byte[S3Settings.MIN_PART_SIZE + 1]);
        assertEquals(4, store.pendingUploads().size());

        // an hour later, with two hours as the stale age: only the gone process of this host left anything
        Clock anHourLater = Clock.offset(now, Duration.ofHours(1));
        S3FileArea restarted = area("hosta", deadPid + 1_000_000, anHourLater);
        assertEquals(2, restarted.removeLeftovers(Duration.ofHours(2)));
        assertEquals(Set.of(live.toString(), otherHost.toString(), "files/" + CLIENT.hex() + "/big.bin"),
                pendingKeys());
        assertEquals(List.of(liveEnded.toString()), store.list("files/"));

        // with half an hour as the stale age, another host's upload and the copy are left behind too
        assertEquals(2, restarted.removeLeftovers(Duration.ofMinutes(30)));
        assertEquals(Set.of(live.toString()), pendingKeys());
        assertEquals(List.of(liveEnded.toString()), store.list("files/"));
        live.discard();
        copyCutShort.close();
    }

    @Test
    void aServerRestartedUnderItsOldPidRemovesWhatItLeft() throws Exception {
        long pid = ProcessHandle.current().pid();
        begun(area("hosta", pid, Clock.systemUTC()));
        ended(area("hosta", pid, Clock.systemUTC()));
        assertEquals(2, area("hosta", pid, Clock.systemUTC()).removeLeftovers(Duration.ofHours(1)));
        assertEquals(Set.of(), pendingKeys());
        assertEquals(List.of(), store.list(""));
    }

    private Set<String> pendingKeys() throws IOException {
        return store.pendingUploads().stream().map(PendingUpload::key).collect(Collectors.toSet());
    }
}
