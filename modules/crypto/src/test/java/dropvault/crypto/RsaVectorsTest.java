package dropvault.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import dropvault.testvectors.Vectors;

/** rsa.json for every provider, and keys of every provider used by every other. */
class RsaVectorsTest {
    private static final byte[] PUBLIC = Vectors.hex(Vectors.string("rsa.json", "public_key_x509_hex"));
    private static final byte[] PRIVATE = Base64.getDecoder().decode(Vectors.string("rsa.json", "private_key_pkcs8_base64"));
    private static final byte[] AES_KEY = Vectors.hex(Vectors.string("rsa.json", "aes_key_hex"));
    private static final byte[] WRAPPED = Vectors.hex(Vectors.string("rsa.json", "oaep_cipher_hex"));

    /** One generated pair per provider: generation is the slow part of these tests. */
    private static final java.util.Map<String, KeyPair> GENERATED = new java.util.concurrent.ConcurrentHashMap<>();

    private static KeyPair generated(String provider) {
        return GENERATED.computeIfAbsent(provider, p -> CryptoSuites.forName(p).generateKeyPair());
    }

    static Stream<String> providers() {
        return CryptoSuites.PROVIDERS.stream();
    }

    static Stream<Arguments> providerPairs() {
        return CryptoSuites.PROVIDERS.stream().flatMap(a -> CryptoSuites.PROVIDERS.stream().map(b -> Arguments.of(a, b)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void decodesThePublicKey(String provider) throws InvalidKeyException {
        CryptoSuite suite = CryptoSuites.forName(provider);
        assertEquals(160, PUBLIC.length);
        PublicKey key = suite.decodePublicKey(PUBLIC);
        RSAPublicKey rsa = (RSAPublicKey) key;
        assertEquals(1024, rsa.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(17), rsa.getPublicExponent());
        assertArrayEquals(PUBLIC, suite.encodePublicKey(key));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void decodesThePrivateKeyAndUnwrapsTheVector(String provider) throws GeneralSecurityException {
        CryptoSuite suite = CryptoSuites.forName(provider);
        PrivateKey key = suite.decodePrivateKey(PRIVATE);
        assertArrayEquals(PRIVATE, suite.encodePrivateKey(key));
        assertArrayEquals(AES_KEY, suite.unwrapKey(key, WRAPPED));
    }

    @ParameterizedTest(name = "wrap with {0}, unwrap with {1}")
    @MethodSource("providerPairs")
    void wrapAndUnwrapAcrossProviders(String wrapper, String unwrapper) throws GeneralSecurityException {
        CryptoSuite a = CryptoSuites.forName(wrapper);
        CryptoSuite b = CryptoSuites.forName(unwrapper);
        byte[] aesKey = a.newAesKey();
        byte[] wrapped = a.wrapKey(a.decodePublicKey(PUBLIC), aesKey);
        assertEquals(128, wrapped.length);
        assertArrayEquals(aesKey, b.unwrapKey(b.decodePrivateKey(PRIVATE), wrapped));
        assertArrayEquals(aesKey, b.unwrapKey(a.decodePrivateKey(PRIVATE), wrapped), "a key of the other provider");
        assertNotEquals(java.util.HexFormat.of().formatHex(wrapped),
                java.util.HexFormat.of().formatHex(a.wrapKey(a.decodePublicKey(PUBLIC), aesKey)), "OAEP is randomised");
    }

    @ParameterizedTest(name = "keys of {0}, used by {1}")
    @MethodSource("providerPairs")
    void generatedKeysAre1024BitsWithExponent17In160Bytes(String generator, String user)
            throws GeneralSecurityException {
        CryptoSuite g = CryptoSuites.forName(generator);
        CryptoSuite u = CryptoSuites.forName(user);
        KeyPair pair = generated(generator);
        byte[] encoded = g.encodePublicKey(pair.getPublic());
        assertEquals(160, encoded.length);
        RSAPublicKey rsa = (RSAPublicKey) u.decodePublicKey(encoded);
        assertEquals(1024, rsa.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(17), rsa.getPublicExponent());
        byte[] pkcs8 = g.encodePrivateKey(pair.getPrivate());
        byte[] aesKey = u.newAesKey();
        assertArrayEquals(aesKey, g.unwrapKey(g.decodePrivateKey(pkcs8), u.wrapKey(rsa, aesKey)));
        assertArrayEquals(aesKey, u.unwrapKey(u.decodePrivateKey(pkcs8), g.wrapKey(pair.getPublic(), aesKey)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aWrongPrivateKeyOrADamagedCiphertextFails(String provider) throws GeneralSecurityException {
        CryptoSuite suite = CryptoSuites.forName(provider);
        PrivateKey other = generated(provider).getPrivate();
        assertThrows(GeneralSecurityException.class, () -> suite.unwrapKey(other, WRAPPED));
        PrivateKey right = suite.decodePrivateKey(PRIVATE);
        byte[] damaged = WRAPPED.clone();
        damaged[40] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> suite.unwrapKey(right, damaged));
        assertThrows(GeneralSecurityException.class, () -> suite.unwrapKey(right, java.util.Arrays.copyOf(WRAPPED, 127)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void onlyA1024BitKeyThatFitsTheFieldIsAPublicKey(String provider) throws GeneralSecurityException {
        CryptoSuite suite = CryptoSuites.forName(provider);
        byte[] e65537 = OtherKeys.E65537.getEncoded();
        assertEquals(162, e65537.length);
        assertThrows(InvalidKeyException.class, () -> suite.decodePublicKey(e65537), "e = 65537");
        assertThrows(InvalidKeyException.class, () -> suite.decodePublicKey(java.util.Arrays.copyOf(e65537, 160)),
                "e = 65537 cut to the field");
        assertThrows(InvalidKeyException.class, () -> suite.decodePublicKey(OtherKeys.BITS_2048.getEncoded()),
                "2048 bits");
        assertEquals(160, OtherKeys.BITS_1023.getEncoded().length);
        assertThrows(InvalidKeyException.class, () -> suite.decodePublicKey(OtherKeys.BITS_1023.getEncoded()),
                "1023 bits in 160 bytes");
        assertThrows(InvalidKeyException.class, () -> suite.decodePublicKey(new byte[160]), "zeros");
        byte[] garbage = PUBLIC.clone();
        garbage[1] ^= 0x40;
        assertThrows(InvalidKeyException.class, () -> suite.decodePublicKey(garbage), "a broken length");
        assertThrows(InvalidKeyException.class, () -> suite.decodePublicKey(new byte[0]), "empty");
        assertThrows(InvalidKeyException.class, () -> suite.decodePrivateKey(new byte[100]), "a private key of zeros");
        assertThrows(InvalidKeyException.class, () -> suite.decodePrivateKey(PUBLIC), "a public key as private");
        assertTrue(suite.decodePublicKey(PUBLIC) instanceof RSAPublicKey);
    }

    private static PublicKey vectorKey() {
        try {
            return CryptoSuites.jdk().decodePublicKey(PUBLIC);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Public keys the protocol refuses, built from numbers (no primes needed for a public key). */
    private static final class OtherKeys {
        static final PublicKey E65537 = key(((RSAPublicKey) vectorKey()).getModulus(),
                RSAKeyGenParameterSpec.F4);
        /** 1023 bits with e = 257: 160 bytes, so only the bit count refuses it. */
        static final PublicKey BITS_1023 = key(BigInteger.ONE.shiftLeft(1022).add(BigInteger.valueOf(0x1235)),
                BigInteger.valueOf(257));
        static final PublicKey BITS_2048 = key(BigInteger.ONE.shiftLeft(2047).add(BigInteger.valueOf(0x1234567)),
                BigInteger.valueOf(17));

        private static PublicKey key(BigInteger modulus, BigInteger e) {
            try {
                return KeyFactory.getInstance("RSA", "SunRsaSign").generatePublic(new RSAPublicKeySpec(modulus, e));
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
