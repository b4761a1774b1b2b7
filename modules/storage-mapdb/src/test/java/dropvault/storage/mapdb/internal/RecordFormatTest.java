package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.StoreException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordFormatTest {
    private static final ClientId ID = ClientId.fromHex("00112233445566778899aabbccddeeff");
    private static final Instant SEEN = Instant.ofEpochSecond(1_764_000_000L, 5);

    @Test
    void clientRecordsRoundTrip() throws Exception {
        ClientRecord bare = ClientRecord.registered(ID, "naïve name", SEEN);
        ClientRecord keyed = bare.withKeys(new byte[] {1, 2, 3}, new byte[] {4}, SEEN.plusNanos(1));
        assertEquals(bare, RecordFormat.client(ID.toBytes(), RecordFormat.clientValue(bare)));
        assertEquals(keyed, RecordFormat.client(ID.toBytes(), RecordFormat.clientValue(keyed)));
    }

    @Test
    void theClientLayoutIsFixed() {
        ClientRecord client = new ClientRecord(ID, "ab", Optional.of(new byte[] {9}), Instant.ofEpochSecond(2, 3),
                Optional.empty());
        assertEquals("01" + "00000002" + "6162" + "0000000000000002" + "00000003" + "00000001" + "09" + "ffffffff",
                HexFormat.of().formatHex(RecordFormat.clientValue(client)));
    }

    @Test
    void fileRecordsRoundTripWithTheirKeys() throws Exception {
        FileRecord file = new FileRecord(ID, "dir\\name ü.txt", "files/x/name ü.txt", true);
        byte[] key = RecordFormat.fileKey(ID, file.fileName());
        assertEquals(file, RecordFormat.file(key, RecordFormat.fileValue(file)));
        assertEquals("01" + "00000001" + "70" + "00",
                HexFormat.of().formatHex(RecordFormat.fileValue(new FileRecord(ID, "n", "p", false))));
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
        newerFormat[0] = 2;
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
