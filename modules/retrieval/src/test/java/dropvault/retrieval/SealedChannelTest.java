package dropvault.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dropvault.protocol.ClientId;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** A sealed message opens at its place only: same key, client, code and number; any change to it is refused. */
class SealedChannelTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        new Random(seed).nextBytes(k);
        return k;
    }

    private static final ClientId ALICE = ClientId.of(Arrays.copyOf(new byte[] {1, 2, 3}, 16));
    private static final ClientId BOB = ClientId.of(Arrays.copyOf(new byte[] {9}, 16));

    @Test
    void messagesOpenInTheirOrder() throws Exception {
        SealedChannel client = new SealedChannel(key(1), ALICE, RANDOM);
        SealedChannel server = new SealedChannel(key(1), ALICE, RANDOM);
        for (int i = 0; i < 5; i++) {
            byte[] body = ("request " + i).getBytes();
            assertArrayEquals(body, server.open(840, client.seal(840, body)));
            byte[] answer = ("answer " + i).getBytes();
            assertArrayEquals(answer, client.open(1640, server.seal(1640, answer)));
        }
    }

    @Test
    void aMessageOpensNowhereElse() throws Exception {
        byte[] body = "name".getBytes();
        byte[] sealed = new SealedChannel(key(1), ALICE, RANDOM).seal(841, body);
        assertThrows(UnsealException.class, () -> new SealedChannel(key(2), ALICE, RANDOM).open(841, sealed));
        assertThrows(UnsealException.class, () -> new SealedChannel(key(1), BOB, RANDOM).open(841, sealed));
        assertThrows(UnsealException.class, () -> new SealedChannel(key(1), ALICE, RANDOM).open(842, sealed));
        SealedChannel server = new SealedChannel(key(1), ALICE, RANDOM);
        server.open(841, sealed);
        assertThrows(UnsealException.class, () -> server.open(841, sealed), "the same message twice");
    }

    @Test
    void aMessageAfterOneThatWentMissingDoesNotOpen() throws Exception {
        SealedChannel client = new SealedChannel(key(3), ALICE, RANDOM);
        client.seal(840, new byte[0]);
        byte[] second = client.seal(840, new byte[0]);
        assertThrows(UnsealException.class, () -> new SealedChannel(key(3), ALICE, RANDOM).open(840, second));
    }

    @Test
    void theFileCiphersKeyDoesNotOpenIt() throws Exception {
        byte[] sealed = new SealedChannel(key(4), ALICE, RANDOM).seal(1642, new byte[64]);
        // GCM straight under the connection key, without the derivation, is another key
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        c.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key(4), "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, Arrays.copyOf(sealed, 12)));
        byte[] aad = java.nio.ByteBuffer.allocate(26).order(java.nio.ByteOrder.LITTLE_ENDIAN).put(ALICE.toBytes())
                .putShort((short) 1642).putLong(0).array();
        c.updateAAD(aad);
        assertThrows(javax.crypto.AEADBadTagException.class, () -> c.doFinal(sealed, 12, sealed.length - 12));
    }

    @Property(tries = 300)
    void anyChangedByteIsRefused(@ForAll @Size(max = 200) byte[] body, @ForAll @IntRange(min = 0, max = 10_000) int at,
                                 @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] sealed = new SealedChannel(key(5), ALICE, RANDOM).seal(841, body);
        sealed[at % sealed.length] ^= (byte) flip;
        assertThrows(UnsealException.class, () -> new SealedChannel(key(5), ALICE, RANDOM).open(841, sealed));
    }

    @Property(tries = 300)
    void anyBytesAreRefusedWithoutTheKey(@ForAll @Size(max = 200) byte[] garbage) {
        assertThrows(UnsealException.class, () -> new SealedChannel(key(6), ALICE, RANDOM).open(840, garbage));
    }
}
