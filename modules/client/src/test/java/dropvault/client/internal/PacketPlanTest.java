package dropvault.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketPlanTest {

    @Test
    void contentSizeIsTheNextWholeBlockAfterPadding() {
        assertEquals(16, PacketPlan.contentSize(0));
        assertEquals(16, PacketPlan.contentSize(15));
        assertEquals(32, PacketPlan.contentSize(16));
        assertEquals(2512, PacketPlan.contentSize(2500));
        assertEquals(0xFFFF_FFF0L, PacketPlan.contentSize(Protocol.MAX_FILE_SIZE));
    }

    @Test
    void smallFilesTake1024BytePackets() {
        PacketPlan p = PacketPlan.of(2500, 1024);
        assertEquals(1024, p.chunkSize());
        assertEquals(3, p.packets());
        assertEquals(1024, p.dataLength(0));
        assertEquals(464, p.dataLength(2));
        assertEquals(1, PacketPlan.of(0, 1024).packets());
        assertEquals(16, PacketPlan.of(0, 1024).dataLength(0));
    }

    @Test
    void the65535thPacketOf1024BytesIsTheLastThatKeepsTheChunk() {
        long largest = 65_535L * 1024 - 1;
        assertEquals(1024, PacketPlan.of(largest, 1024).chunkSize());
        assertEquals(65_535, PacketPlan.of(largest, 1024).packets());
        PacketPlan grown = PacketPlan.of(largest + 1, 1024);
        assertEquals(1040, grown.chunkSize());
        assertTrue(grown.packets() <= 65_535);
    }

    @ParameterizedTest
    @ValueSource(longs = {67_107_840L, 100L << 20, 1L << 31, 3_000_000_017L, Protocol.MAX_FILE_SIZE})
    void largeFilesTakeLargerPacketsAMultipleOf16AndAtMost65535OfThem(long size) {
        for (int requested : new int[] {16, 1024, 8192}) {
            PacketPlan p = PacketPlan.of(size, requested);
            assertEquals(0, p.chunkSize() % 16);
            assertTrue(p.packets() <= Protocol.MAX_PACKETS, p::toString);
            assertTrue(p.chunkSize() >= requested);
            assertEquals(p.contentSize(), (long) (p.packets() - 1) * p.chunkSize() + p.dataLength(p.packets() - 1));
            assertTrue(p.dataLength(p.packets() - 1) > 0);
            // the smallest chunk that fits: 16 bytes less would need more than 65,535 packets
            if (p.chunkSize() > requested) {
                long fewer = (p.contentSize() + p.chunkSize() - 17) / (p.chunkSize() - 16);
                assertTrue(fewer > Protocol.MAX_PACKETS, p::toString);
            }
        }
    }

    @Test
    void theLargestFileFits() {
        PacketPlan p = PacketPlan.of(Protocol.MAX_FILE_SIZE, 1024);
        assertEquals(0xFFFF_FFF0L, p.contentSize());
        assertEquals(65_552, p.chunkSize());
        assertEquals(65_521, p.packets());
    }

    @Test
    void rejectsWhatTheProtocolCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> PacketPlan.of(Protocol.MAX_FILE_SIZE + 1, 1024));
        assertThrows(IllegalArgumentException.class, () -> PacketPlan.of(-1, 1024));
        assertThrows(IllegalArgumentException.class, () -> PacketPlan.of(10, 1000));
        assertThrows(IllegalArgumentException.class, () -> PacketPlan.of(10, 0));
    }
}
