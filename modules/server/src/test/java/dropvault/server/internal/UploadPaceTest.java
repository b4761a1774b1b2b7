package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dropvault.server.Safeguards;
import dropvault.server.internal.safeguards.Shares;
import dropvault.server.spi.PendingUpload;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pace of a connection judges its upload in progress, from the first packet to the last, by the shares' clock. */
class UploadPaceTest {
    private static final long WINDOW = Safeguards.UPLOAD_RATE_WINDOW.toNanos();
    /** The default minimum, 1 KiB/s, over one window. */
    private static final long WINDOW_BYTES = 1024 * Safeguards.UPLOAD_RATE_WINDOW.toSeconds();

    private final AtomicLong clock = new AtomicLong(TimeUnit.DAYS.toNanos(1));
    private final Shares shares = TestGuards.of(Safeguards.defaults(), clock::get).shares();
    private PendingUpload upload;
    private final UploadPace pace = new UploadPace(() -> Optional.ofNullable(upload), shares);

    private static PendingUpload inProgress() {
        return new DispatcherTest.HeldUpload(new CountDownLatch(1));
    }

    @Test
    void withoutAnUploadNothingIsJudged() throws Exception {
        assertEquals(Long.MAX_VALUE, pace.check(0));
        clock.addAndGet(10 * WINDOW);
        assertEquals(Long.MAX_VALUE, pace.check(0));
    }

    @Test
    void anUploadIsWokenAtTheEndOfEachWindowAndDroppedInTheFirstItFallsShortIn() throws Exception {
        upload = inProgress();
        assertEquals(WINDOW, pace.check(500), "the first window begins after the first packet");
        clock.addAndGet(WINDOW / 3);
        assertEquals(WINDOW - WINDOW / 3, pace.check(500 + WINDOW_BYTES));
        clock.addAndGet(WINDOW - WINDOW / 3);
        assertEquals(WINDOW, pace.check(500 + WINDOW_BYTES), "the first window had its bytes");
        clock.addAndGet(WINDOW);
        assertThrows(UploadTooSlowException.class, () -> pace.check(500 + WINDOW_BYTES + WINDOW_BYTES - 1));
    }

    @Test
    void aCompleteUploadAwaitingItsVerdictIsNotJudged() throws Exception {
        upload = inProgress();
        pace.check(0);
        upload = new DispatcherTest.HeldUpload(new CountDownLatch(1), true);
        clock.addAndGet(10 * WINDOW);
        assertEquals(Long.MAX_VALUE, pace.check(0));
    }

    @Test
    void eachUploadHasWindowsOfItsOwn() throws Exception {
        upload = inProgress();
        pace.check(0);
        clock.addAndGet(WINDOW - 1);
        upload = inProgress();
        assertEquals(WINDOW, pace.check(10), "a new upload starts its first window");
        clock.addAndGet(WINDOW - 1);
        pace.check(10);
    }
}
