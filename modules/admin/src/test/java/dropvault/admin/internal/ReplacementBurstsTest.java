package dropvault.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.protocol.ClientId;
import dropvault.storage.FileVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplacementBurstsTest {
    private static final ClientId ID = ClientId.fromHex("0102030405060708090a0b0c0d0e0f10");
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static List<FileVersion> keptAt(Duration... offsets) {
        List<FileVersion> versions = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            versions.add(new FileVersion(ID, "a", i + 1, "p" + i, 1, 1, T0.plus(offsets[i])));
        }
        return versions;
    }

    @Test
    void fiveReplacementsWithinTenMinutesAreABurst() {
        assertEquals(Optional.of(new ReplacementBursts.Burst(T0.plusSeconds(60), T0.plusSeconds(600 + 60), 5)),
                ReplacementBursts.in(keptAt(Duration.ZERO.minusHours(3), Duration.ofSeconds(60),
                        Duration.ofSeconds(200), Duration.ofSeconds(300), Duration.ofSeconds(400), Duration.ofSeconds(660))));
    }

    @Test
    void aDailyEditIsNot() {
        assertEquals(Optional.empty(), ReplacementBursts.in(keptAt(Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofMinutes(130), Duration.ofMinutes(135), Duration.ofMinutes(139), Duration.ofHours(24))));
        assertEquals(Optional.empty(), ReplacementBursts.in(List.of()));
    }

    @Test
    void theDensestBurstIsNamed() {
        List<Duration> offsets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            offsets.add(Duration.ofSeconds(i));
        }
        assertEquals(40, ReplacementBursts.in(keptAt(offsets.toArray(Duration[]::new))).orElseThrow().replacements());
    }
}
