package dropvault.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cksum of a repeated block, without feeding its bytes, against feeding them. */
class CksumRepeatedTest {

    @ParameterizedTest
    @CsvSource({"1,0", "1,1", "1,1000", "7,6", "7,7", "7,50", "16,16", "1000,2999", "65536,65535", "65536,65536",
            "65536,1000000", "4096,10000000"})
    void equalsTheCksumOfTheBytesFedInOrder(int blockSize, long size) {
        byte[] block = new byte[blockSize];
        new Random(blockSize + size).nextBytes(block);
        Cksum fed = new Cksum();
        for (long off = 0; off < size; off += blockSize) {
            fed.update(block, 0, (int) Math.min(blockSize, size - off));
        }
        assertEquals(fed.value(), Cksum.ofRepeated(block, size));
    }

    @Test
    void nothingOfNothingIsTheEmptyCksumAndSomethingOfNothingIsAMistake() {
        assertEquals(Cksum.of(new byte[0]), Cksum.ofRepeated(new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> Cksum.ofRepeated(new byte[0], 1));
        assertThrows(IllegalArgumentException.class, () -> Cksum.ofRepeated(new byte[3], -1));
    }
}
