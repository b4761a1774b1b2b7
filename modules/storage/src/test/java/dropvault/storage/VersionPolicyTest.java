package dropvault.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dropvault.protocol.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionPolicyTest {
    private static final ClientId ID = ClientId.fromHex("0102030405060708090a0b0c0d0e0f10");
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    /** Later than every version's time by more than the default minimum age. */
    private static final Instant LATER = T0.plus(Duration.ofDays(30));

    private static FileVersion v(String name, long number, long size) {
        return new FileVersion(ID, name, number, "files/v/" + name + number, size, 1, T0.plusSeconds(number));
    }

    @Test
    void beyondTheCountOfANameTheOldestGo() {
        List<FileVersion> all = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            all.add(v("a", i, 10));
        }
        all.add(v("b", 1, 10));
        assertEquals(List.of(v("a", 1, 10), v("a", 2, 10)), VersionPolicy.DEFAULT.toPrune(all, v("a", 7, 10), LATER));
        assertEquals(all, new VersionPolicy(0, 0).toPrune(all, null, LATER).stream()
                .sorted(java.util.Comparator.comparing(FileVersion::fileName).thenComparingLong(FileVersion::number))
                .toList());
    }

    @Test
    void beyondTheBytesOfAClientTheOldestGoButNeverTheOneJustKept() {
        List<FileVersion> all = List.of(v("a", 1, 100), v("b", 2, 100), v("a", 3, 1000));
        assertEquals(List.of(v("a", 1, 100), v("b", 2, 100)),
                new VersionPolicy(5, 250).toPrune(all, v("a", 3, 1000), LATER));
        assertEquals(List.of(v("a", 1, 100)), new VersionPolicy(5, 1100).toPrune(all, v("a", 3, 1000), LATER));
        assertEquals(List.of(), new VersionPolicy(5, 0).toPrune(all, v("a", 3, 1000), LATER), "0: no byte limit");
    }

    @Test
    void aVersionYoungerThanTheMinimumAgeIsNeverPrunedWhateverTheBurst() {
        VersionPolicy policy = new VersionPolicy(5, 250, Duration.ofDays(7));
        List<FileVersion> burst = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            burst.add(v("a", i, 100));
        }
        Instant rightAfter = T0.plusSeconds(41);
        assertEquals(List.of(), policy.toPrune(burst, burst.getLast(), rightAfter), "a burst of replacements prunes nothing");
        Instant sixDaysOn = T0.plusSeconds(20).plus(Duration.ofDays(6));
        assertEquals(List.of(), policy.toPrune(burst, null, sixDaysOn));
        Instant weekAfterTheFirstTen = T0.plusSeconds(10).plus(Duration.ofDays(7));
        assertEquals(burst.subList(0, 10), policy.toPrune(burst, null, weekAfterTheFirstTen),
                "only versions a week old go, the oldest first");
        assertEquals(burst.subList(0, 38), new VersionPolicy(5, 250, Duration.ofDays(7)).toPrune(burst, null,
                T0.plus(Duration.ofDays(8))), "once old, beyond the count or the bytes");
        assertThrows(IllegalArgumentException.class, () -> new VersionPolicy(1, 0, Duration.ofDays(-1)));
    }

    @Test
    void unknownSizesCountAsNothingAndBadPoliciesAreRefused() {
        assertEquals(0, new FileVersion(ID, "a", 1, "p", FileRecord.UNKNOWN, FileRecord.UNKNOWN, T0).knownSize());
        assertThrows(IllegalArgumentException.class, () -> new VersionPolicy(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new VersionPolicy(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new FileVersion(ID, "a", 0, "p", 1, 1, T0));
    }
}
