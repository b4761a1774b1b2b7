package dropvault.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dropvault.protocol.ClientId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionPolicyTest {
    private static final ClientId ID = ClientId.fromHex("0102030405060708090a0b0c0d0e0f10");
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

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
        assertEquals(List.of(v("a", 1, 10), v("a", 2, 10)), VersionPolicy.DEFAULT.toPrune(all, v("a", 7, 10)));
        assertEquals(all, new VersionPolicy(0, 0).toPrune(all, null).stream()
                .sorted(java.util.Comparator.comparing(FileVersion::fileName).thenComparingLong(FileVersion::number))
                .toList());
    }

    @Test
    void beyondTheBytesOfAClientTheOldestGoButNeverTheOneJustKept() {
        List<FileVersion> all = List.of(v("a", 1, 100), v("b", 2, 100), v("a", 3, 1000));
        assertEquals(List.of(v("a", 1, 100), v("b", 2, 100)), new VersionPolicy(5, 250).toPrune(all, v("a", 3, 1000)));
        assertEquals(List.of(v("a", 1, 100)), new VersionPolicy(5, 1100).toPrune(all, v("a", 3, 1000)));
        assertEquals(List.of(), new VersionPolicy(5, 0).toPrune(all, v("a", 3, 1000)), "0: no byte limit");
    }

    @Test
    void unknownSizesCountAsNothingAndBadPoliciesAreRefused() {
        assertEquals(0, new FileVersion(ID, "a", 1, "p", FileRecord.UNKNOWN, FileRecord.UNKNOWN, T0).knownSize());
        assertThrows(IllegalArgumentException.class, () -> new VersionPolicy(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new VersionPolicy(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new FileVersion(ID, "a", 0, "p", 1, 1, T0));
    }
}
