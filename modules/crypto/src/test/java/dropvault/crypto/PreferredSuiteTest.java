package dropvault.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.crypto.internal.PreferredSuite;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite a client encrypts with by default: chosen in the background, the same bytes as any other. */
class PreferredSuiteTest {

    @Test
    void theDefaultEncryptsWithOpenSslWhereItLoads() {
        assertEquals("openssl", CryptoSuites.forEncrypting().providerName(), "libcrypto is on the machines we test on");
    }

    @Test
    void aSmallStreamIsEncryptedByTheJdkAndALargerOneByTheDefault() {
        assertEquals("jdk", CryptoSuites.forEncrypting(0).providerName());
        assertEquals("jdk", CryptoSuites.forEncrypting(CryptoSuites.JDK_BELOW_BYTES - 1).providerName());
        assertEquals("openssl", CryptoSuites.forEncrypting(CryptoSuites.JDK_BELOW_BYTES).providerName());
    }

    @Test
    void providersThatDoNotLoadAreSkippedInOrder() {
        assertEquals("conscrypt", new PreferredSuite(List.of("libressl", "conscrypt", "openssl")).providerName());
        assertEquals("jdk", new PreferredSuite(List.of("libressl")).providerName(), "the JDK's is the last resort");
    }

    @Test
    void itsKeysAndStreamsWorkWithEveryOtherSuite() throws GeneralSecurityException {
        CryptoSuite preferred = CryptoSuites.forEncrypting();
        KeyPair keys = preferred.generateKeyPair();
        byte[] aesKey = preferred.newAesKey();
        for (String name : CryptoSuites.PROVIDERS) {
            CryptoSuite other = CryptoSuites.forName(name);
            byte[] wrapped = other.wrapKey(other.decodePublicKey(preferred.encodePublicKey(keys.getPublic())), aesKey);
            assertArrayEquals(aesKey, preferred.unwrapKey(preferred.decodePrivateKey(
                    preferred.encodePrivateKey(keys.getPrivate())), wrapped), name);

            byte[] plain = new byte[5000];
            Arrays.fill(plain, (byte) name.length());
            AesCbcStream e = preferred.encryptor(aesKey);
            byte[] head = e.update(plain, 0, plain.length);
            byte[] cipher = concat(head, e.finish());
            AesCbcStream d = other.decryptor(aesKey);
            assertArrayEquals(plain, concat(d.update(cipher, 0, cipher.length), d.finish()), name);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
