package dropvault.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FrameSenderTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 1000, 20_000, 2_000_000})
    void everyFrameGoesOutOnceInOrderInOneCallAndFramesAreReused(int frameBytes) throws Exception {
        List<Integer> lengths = Collections.synchronizedList(new ArrayList<>());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Set<byte[]> made = Collections.newSetFromMap(new IdentityHashMap<>());
        int frames = 500;
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (FrameSender<byte[]> sender = new FrameSender<>((f, n) -> {
            lengths.add(n);
            out.write(f, 0, n);
        }, () -> {
            byte[] f = new byte[Math.max(4, frameBytes)];
            made.add(f);
            return f;
        }, frameBytes, "test-sender")) {
            for (int i = 0; i < frames; i++) {
                byte[] f = sender.nextFrame();
                assertTrue(made.contains(f), "a frame it made");
                ByteBuffer.wrap(f).putInt(0, i);
                int n = 4 + i % Math.max(1, f.length - 4);
                sender.send(f, n);
                expected.write(f, 0, n);
            }
            sender.finish();
        }
        assertEquals(frames, lengths.size());
        assertArrayEquals(expected.toByteArray(), out.toByteArray());
        assertTrue(made.size() <= 2 * FrameSender.MAX_BATCH, made.size() + " frames made");
        assertTrue((long) made.size() * frameBytes <= 2L * FrameSender.BATCH_BYTES + 2L * frameBytes,
                "at most two batches of frames in memory");
    }

    @Test
    void aFailedSendIsThrownToTheFillingSide() throws Exception {
        IOException broken = new IOException("broken pipe");
        try (FrameSender<byte[]> sender = new FrameSender<>((f, n) -> {
            throw broken;
        }, () -> new byte[10], 10, "test-sender")) {
            IOException thrown = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100_000; i++) {
                    sender.send(sender.nextFrame(), 10);
                }
                sender.finish();
            });
            assertEquals(broken, thrown);
        }
    }
}
