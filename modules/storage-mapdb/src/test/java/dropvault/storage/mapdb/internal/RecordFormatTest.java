package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.StoreException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordFormatTest {
    private static final ClientId ID = ClientId.fromHex("00112233445566778899aabbccddeeff");
    private static final Instant SEEN = Instant.ofEpochSecond(1_764_000_000L, 5);

    @Test
    void clientRecordsRoundTrip() throws Exception {
        ClientRecord bare = ClientRecord.registered(ID, "naïve name", SEEN);
        ClientRecord keyed = bare.withPublicKey(new byte[] {1, 2, 3}, SEEN.plusNanos(1));
        assertEquals(bare, RecordFormat.client(ID.toBytes(), RecordFormat.clientValue(bare)));
        assertEquals(keyed, RecordFormat.client(ID.toBytes(), RecordFormat.clientValue(keyed)));
    }

    @Test
    void theClientLayoutIsFixed() {
        ClientRecord client = new ClientRecord(ID, "ab", Optional.of(new byte[] {9}), Instant.ofEpochSecond(2, 3));
        assertEquals("02" + "00000002" + "6162" + "0000000000000002" + "00000003" + "00000001" + "09",
                HexFormat.of().formatHex(RecordFormat.clientValue(client)));
    }

    /** Format 3 only for a key-bound client: every other value stays format 2, which the build before reads. */
    @Test
    void aKeyBoundClientIsFormatThreeWithItsFlag() throws Exception {
        ClientRecord bound = new ClientRecord(ID, "ab", Optional.of(new byte[] {9}), Instant.ofEpochSecond(2, 3), true);
        byte[] value = RecordFormat.clientValue(bound);
        assertEquals("03" + "00000002" + "6162" + "0000000000000002" + "00000003" + "00000001" + "09" + "01",
                HexFormat.of().formatHex(value));
        assertEquals(bound, RecordFormat.client(ID.toBytes(), value));
        assertTrue(RecordFormat.hasPublicKey(value));
        assertEquals(value, RecordFormat.withoutAesKey(value), "nothing to drop");
        assertTrue(RecordFormat.client(ID.toBytes(), RecordFormat.clientValue(bound.withLastSeen(SEEN))).keyBound(),
                "a later last-seen time keeps the mark");
        value[value.length - 1] = 2;
        assertThrows(StoreException.class, () -> RecordFormat.client(ID.toBytes(), value), "an unknown flag");
        assertThrows(StoreException.class, () -> RecordFormat.client(ID.toBytes(),
                Arrays.copyOf(value, value.length - 1)), "format 3 without its flags");
    }

    @Test
    void aClientValueOfAnEarlierBuildIsReadWithoutItsAesKey() throws Exception {
        byte[] earlier = HexFormat.of().parseHex("01" + "00000002" + "6162" + "0000000000000002" + "00000003"
                + "00000001" + "09" + "00000002" + "abcd");
        ClientRecord client = new ClientRecord(ID, "ab", Optional.of(new byte[] {9}), Instant.ofEpochSecond(2, 3));
        assertEquals(client, RecordFormat.client(ID.toBytes(), earlier));
        assertEquals("02" + "00000002" + "6162" + "0000000000000002" + "00000003" + "00000001" + "09",
                HexFormat.of().formatHex(RecordFormat.withoutAesKey(earlier)));
        byte[] withoutPublicKey = HexFormat.of().parseHex("01" + "00000002" + "6162" + "0000000000000002"
                + "00000003" + "ffffffff" + "00000001" + "ab");
        assertEquals("02" + "00000002" + "6162" + "0000000000000002" + "00000003" + "ffffffff",
                HexFormat.of().formatHex(RecordFormat.withoutAesKey(withoutPublicKey)));
        assertFalse(RecordFormat.hasPublicKey(withoutPublicKey));
        assertTrue(RecordFormat.hasPublicKey(earlier));
    }

    @Test
    void fileRecordsRoundTripWithTheirKeys() throws Exception {
        FileRecord file = new FileRecord(ID, "dir\\name ü.txt", "files/x/name ü.txt", true);
        byte[] key = RecordFormat.fileKey(ID, file.fileName());
        assertEquals(file, RecordFormat.file(key, RecordFormat.fileValue(file)));
        assertEquals("02" + "00000001" + "70" + "00" + "0000000000000010" + "00000000ffffffff" + "0000000000000000"
                        + "00000000",
                HexFormat.of().formatHex(RecordFormat.fileValue(new FileRecord(ID, "n", "p", false, 16, 0xFFFF_FFFFL))));
    }

    @Test
    void versionsRoundTripWithTheirFile() throws Exception {
        FileRecord file = new FileRecord(ID, "a.txt", "files/x/a.txt", true, 5, 77);
        FileVersion v1 = new FileVersion(ID, "a.txt", 3, "files/x/.versions/a.txt@1", 4, 9, SEEN);
        FileVersion v2 = new FileVersion(ID, "a.txt", 4, "files/x/.versions/a.txt@2", -1, -1, SEEN.plusSeconds(1));
        RecordFormat.StoredFile stored = new RecordFormat.StoredFile(file, 4, List.of(v1, v2));
        byte[] key = RecordFormat.fileKey(ID, "a.txt");
        assertEquals(stored, RecordFormat.storedFile(key, RecordFormat.fileValue(stored)));
    }

    /** A value of format 1 (before versions and sizes) is still read: an older store carries over. */
    @Test
    void fileValuesOfFormatOneAreStillRead() throws Exception {
        byte[] formatOne = HexFormat.of().parseHex("01" + "00000001" + "70" + "01");
        byte[] key = RecordFormat.fileKey(ID, "n");
        RecordFormat.StoredFile stored = RecordFormat.storedFile(key, formatOne);
        assertEquals(new FileRecord(ID, "n", "p", true, FileRecord.UNKNOWN, FileRecord.UNKNOWN), stored.file());
        assertEquals(List.of(), stored.versions());
        assertEquals(0, stored.lastVersion());
    }

    @Test
    void malformedValuesAreStoreExceptions() {
        byte[] good = RecordFormat.clientValue(ClientRecord.registered(ID, "name", SEEN));
        byte[] id = ID.toBytes();
        for (int length = 0; length < good.length; length++) {
            byte[] truncated = Arrays.copyOf(good, length);
            assertThrows(StoreException.class, () -> RecordFormat.client(id, truncated));
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(StoreException.class, () -> RecordFormat.client(id, longer));
        byte[] newerFormat = good.clone();
        newerFormat[0] = 3;
        assertThrows(StoreException.class, () -> RecordFormat.client(id, newerFormat));
        byte[] hugeName = good.clone();
        hugeName[1] = 0x7f;
        assertThrows(StoreException.class, () -> RecordFormat.client(id, hugeName));

        byte[] file = RecordFormat.fileValue(new FileRecord(ID, "n", "p", true));
        file[file.length - 1] = 2;
        assertThrows(StoreException.class, () -> RecordFormat.file(RecordFormat.fileKey(ID, "n"), file));
        assertThrows(StoreException.class, () -> RecordFormat.file(new byte[3], RecordFormat.fileValue(
                new FileRecord(ID, "n", "p", true))));
    }
}
