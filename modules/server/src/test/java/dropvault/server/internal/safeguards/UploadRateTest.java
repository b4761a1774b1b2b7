package dropvault.server.internal.safeguards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UploadRateTest {
    private static final long S = 1_000_000_000L;
    private static final long START = 5 * S;

    /** 1 KiB/s over 30 s windows: 30,720 bytes a window. */
    private static UploadRate rate() {
        return new UploadRate(1024, 30 * S, START, 1000);
    }

    @Test
    void nothingIsJudgedBeforeTheFirstWindowEnds() {
        UploadRate r = rate();
        assertTrue(r.keepsUp(START + 30 * S - 1, 1000));
        assertEquals(1, r.nanosToJudgement(START + 30 * S - 1));
    }

    @Test
    void aWindowWithTooFewBytesFails() {
        assertFalse(rate().keepsUp(START + 30 * S, 1000 + 30_719));
        assertTrue(rate().keepsUp(START + 30 * S, 1000 + 30_720));
    }

    @Test
    void eachWindowIsJudgedOnItsOwnBytes() {
        UploadRate r = rate();
        assertTrue(r.keepsUp(START + 30 * S, 1000 + 100_000), "a fast first window");
        assertEquals(30 * S, r.nanosToJudgement(START + 30 * S));
        assertTrue(r.keepsUp(START + 45 * S, 1000 + 100_000), "mid-window");
        assertFalse(r.keepsUp(START + 60 * S, 1000 + 100_000 + 30_000), "what came before does not carry over");
    }

    @Test
    void windowsWithoutAJudgementBetweenThemAreJudgedTogether() {
        assertTrue(rate().keepsUp(START + 95 * S, 1000 + 3 * 30_720));
        assertFalse(rate().keepsUp(START + 95 * S, 1000 + 3 * 30_720 - 1));
    }

    @Test
    void theDripOfTheRedTeamFailsItsFirstWindow() {
        UploadRate r = rate();
        long bytes = 1000;
        // one 16-byte packet (39 bytes with its header) every 40 s
        assertTrue(r.keepsUp(START + 29 * S, bytes += 39));
        assertFalse(r.keepsUp(START + 30 * S, bytes));
    }

    @Test
    void theRateAndWindowArePositive() {
        assertThrows(IllegalArgumentException.class, () -> new UploadRate(0, S, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new UploadRate(1, 0, 0, 0));
    }
}
