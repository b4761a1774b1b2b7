package dropvault.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * Exactly the cryptography of PROTOCOL.md §4, from one JCA provider. Instances are thread-safe;
 * the stream ciphers they make are not. {@link CryptoSuites} makes them.
 */
public interface CryptoSuite {

    /** The name this suite was created with. */
    String providerName();

    /** A fresh RSA-1024 key pair with public exponent 17. */
    KeyPair generateKeyPair();

    /** X.509 SubjectPublicKeyInfo DER: exactly 160 bytes for a key of {@link #generateKeyPair()}. */
    byte[] encodePublicKey(PublicKey key);

    /**
     * Decodes a public key from the wire.
     *
     * @throws InvalidKeyException unless it is a well-formed 1024-bit RSA X.509 key of exactly 160
     *                             bytes (so a 2048-bit key, or one with e = 65537, is refused)
     */
    PublicKey decodePublicKey(byte[] x509) throws InvalidKeyException;

    /** PKCS#8 PrivateKeyInfo DER. */
    byte[] encodePrivateKey(PrivateKey key);

    /** @throws InvalidKeyException unless it is a well-formed RSA PKCS#8 key */
    PrivateKey decodePrivateKey(byte[] pkcs8) throws InvalidKeyException;

    /** RSAES-OAEP (SHA-1, MGF1 with SHA-1, empty label): 128 bytes for a 1024-bit key. */
    byte[] wrapKey(PublicKey key, byte[] aesKey) throws InvalidKeyException;

    /** The inverse of {@link #wrapKey}; fails on a wrong key or a damaged ciphertext. */
    byte[] unwrapKey(PrivateKey key, byte[] wrapped) throws GeneralSecurityException;

    /** 32 fresh random bytes. */
    byte[] newAesKey();

    /** AES-256-CBC, zero IV, PKCS#7, encrypting. */
    AesCbcStream encryptor(byte[] aesKey) throws InvalidKeyException;

    /**
     * AES-256-CBC, zero IV, PKCS#7, decrypting; {@link AesCbcStream#finish} refuses a stream of no
     * whole blocks, an empty one included.
     */
    AesCbcStream decryptor(byte[] aesKey) throws InvalidKeyException;

    /** The cryptographic random generator of this suite. */
    SecureRandom random();
}
