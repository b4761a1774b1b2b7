package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.Request;
import dropvault.protocol.RequestHeader;
import dropvault.storage.files.DataFolderFileArea;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which connections move to a platform thread, and how a lane runs them. */
class UploadLanesTest {
    @TempDir
    Path data;

    @Test
    void aLaneServesOnAPlatformThreadAndReturnsTheResult() {
        UploadLanes lanes = new UploadLanes(1);
        AtomicReference<Thread> servedBy = new AtomicReference<>();

        Optional<Boolean> result = lanes.serve(() -> {
            servedBy.set(Thread.currentThread());
            return false;
        });

        assertEquals(Optional.of(false), result);
        assertFalse(servedBy.get().isVirtual());
        assertEquals(Optional.of(true), lanes.serve(() -> true), "the lane is free again");
    }

    @Test
    void whenEveryLaneIsTakenTheServiceIsNotRun() throws Exception {
        UploadLanes lanes = new UploadLanes(1);
        CountDownLatch inLane = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> lanes.serve(() -> {
            inLane.countDown();
            awaitQuietly(release);
            return true;
        }));
        inLane.await();
        AtomicBoolean ran = new AtomicBoolean();

        assertEquals(Optional.empty(), lanes.serve(() -> ran.getAndSet(true)));
        assertFalse(ran.get());

        release.countDown();
        holder.join();
    }

    @Test
    void whatTheServiceThrowsReachesTheCaller() {
        UploadLanes lanes = new UploadLanes(1);
        IllegalStateException bug = new IllegalStateException("a bug");

        assertSame(bug, assertThrows(IllegalStateException.class, () -> lanes.serve(() -> {
            throw bug;
        })));
        assertEquals(Optional.of(true), lanes.serve(() -> true), "the lane was given back");
    }

    @Test
    void onlyALargeUnfinishedUploadOnAVirtualThreadWantsALane() throws Exception {
        ConnectionSession uploading = session();
        uploading.begin(new DispatcherTest.HeldUpload(new CountDownLatch(1)));
        Request large = packet(UploadLanes.MIN_CONTENT);
        Request small = packet(UploadLanes.MIN_CONTENT - 16);

        assertTrue(onVirtualThread(() -> UploadLanes.wants(large, uploading)));
        assertFalse(onVirtualThread(() -> UploadLanes.wants(small, uploading)));
        assertFalse(onVirtualThread(() -> UploadLanes.wants(large, session())), "no upload in progress");
        assertFalse(UploadLanes.wants(large, uploading), "a platform thread stays where it is");
    }

    private ConnectionSession session() throws Exception {
        ServerContext context = new ServerContext(new MemoryStore(), CryptoSuites.jdk(), new DataFolderFileArea(data),
                Clock.systemUTC(), 1L << 32, new Semaphore(4), System.getLogger("test"),
                dropvault.server.events.ServerEvents.NONE, java.util.Optional.empty(),
                TestGuards.of(dropvault.server.Safeguards.defaults()), true);
        return new ConnectionSession(context, new ByteArrayOutputStream(),
                new SessionOutcome(new InetSocketAddress("127.0.0.1", 4000)), java.net.InetAddress.getLoopbackAddress());
    }

    private static Request packet(long contentSize) {
        FilePacket p = new FilePacket(contentSize, contentSize - 1, 1, 65535, NameField.of("f"), new byte[16]);
        return new Request(new RequestHeader(ClientId.ZERO, 3, 828, 267 + 16), p);
    }

    private interface Check {
        boolean test() throws Exception;
    }

    private static boolean onVirtualThread(Check check) throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.set(check.test());
            } catch (Exception e) {
                result.set(e);
            }
        }).join();
        if (result.get() instanceof Exception e) {
            throw e;
        }
        return (Boolean) result.get();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
