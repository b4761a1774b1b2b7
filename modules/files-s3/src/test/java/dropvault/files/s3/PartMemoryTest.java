package dropvault.files.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.testing.s3.EmbeddedS3;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the part buffers of all uploads to one store hold together, against a real S3 server. */
class PartMemoryTest {
    private static final int PART = S3Settings.MIN_PART_SIZE;
    private static final long BUDGET = PART + (1 << 20);

    private static ObjectStore store() {
        return ObjectStore.open(ObjectStoreTest.settings(EmbeddedS3.shared(), EmbeddedS3.shared().createBucket())
                .memoryBytes(BUDGET).readTimeout(Duration.ofSeconds(2)).build());
    }

    @Test
    void smallFilesTakeLittleAndGiveItAllBack() throws IOException {
        try (ObjectStore s = store()) {
            List<MultipartWriter> writers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                MultipartWriter w = s.upload("small-" + i);
                Bytes.write(w, 1000);
                writers.add(w);
            }
            assertEquals(40L * MultipartWriter.FIRST_BUFFER, s.partMemoryInUse(), "forty uploads open at once");
            for (MultipartWriter w : writers) {
                assertEquals(1000, w.complete());
            }
            assertEquals(0, s.partMemoryInUse());
            assertEquals(40, s.list("").size());
        }
    }

    @Test
    void aLargeUploadUnderATightBudgetHoldsOnePartAtATimeAndCompletes() throws IOException {
        try (ObjectStore s = store()) {
            long size = 3L * PART + 17;
            MultipartWriter w = s.upload("big");
            Bytes.write(w, size);
            w.complete();
            assertEquals(1, w.buffersAllocated(), "a second part buffer does not fit: the writer waits for its part");
            assertTrue(s.partMemoryPeak() <= BUDGET, "peak " + s.partMemoryPeak());
            assertEquals(0, s.partMemoryInUse());
            try (InputStream in = s.read("big")) {
                Bytes.assertContent(in, 0, size);
            }
        }
    }

    @Test
    void anUploadThatFindsTheMemoryTakenFailsAfterItsWaitAndTheOtherGoesOn() throws IOException {
        try (ObjectStore s = store()) {
            MultipartWriter holder = s.upload("holder");
            // a buffer grown to a whole part, not yet sent
            Bytes.write(holder, PART - 1);
            MultipartWriter late = s.upload("late");
            IOException e = assertThrows(IOException.class, () -> Bytes.write(late, 2L << 20));
            assertTrue(e.getMessage().contains("files.s3.memory.bytes"), e.getMessage());
            late.abort();
            assertEquals(PART, s.partMemoryInUse());
            assertEquals(PART - 1, holder.complete());
            assertEquals(0, s.partMemoryInUse());
            assertEquals(List.of("holder"), s.list(""));
        }
    }
}
