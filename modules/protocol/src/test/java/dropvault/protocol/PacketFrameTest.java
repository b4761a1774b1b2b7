package dropvault.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A reused frame holds, packet after packet, exactly the bytes the encoder gives for each packet. */
class PacketFrameTest {

    @Property(tries = 300)
    void everyPacketIsTheEncodersFrame(@ForAll @IntRange(min = 0, max = 5000) int size,
                                       @ForAll @IntRange(min = 1, max = 80) int chunkBlocks,
                                       @ForAll boolean swapped, @ForAll boolean padded, @ForAll boolean fromZero, @ForAll boolean direct,
                                       @ForAll long seed) {
        Random random = new Random(seed);
        int chunk = chunkBlocks * 16;
        long content = 16 * (size / 16 + 1);
        int total = (int) ((content + chunk - 1) / chunk);
        ClientId id = ClientId.random(random);
        NameField name = NameField.utf8("file " + seed + ".bin");
        byte[] cipher = new byte[(int) content];
        random.nextBytes(cipher);
        PacketFrame frame = new PacketFrame(id, content, size, total, name, chunk, padded ? chunk : 0, swapped, direct);
        for (int i = 0; i < total; i++) {
            int off = i * chunk;
            int n = (int) Math.min(chunk, content - off);
            // the data of a longer packet before stays behind the shorter one's: the frame must not send it
            frame.buffer().put(PacketFrame.DATA_OFFSET, cipher, off, n);
            int number = (fromZero ? 0 : 1) + i;
            int length = frame.packet(number, n);
            byte[] data = padded ? Arrays.copyOf(Arrays.copyOfRange(cipher, off, off + n), chunk)
                    : Arrays.copyOfRange(cipher, off, off + n);
            byte[] expected = RequestEncoder.encode(id, new FilePacket(content, size, number, total, name, data, swapped));
            byte[] sent = new byte[length];
            frame.buffer().get(0, sent);
            assertArrayEquals(expected, sent, "packet " + i);
        }
    }
}
