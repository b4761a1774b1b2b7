package dropvault.crypto;

import dropvault.crypto.internal.JcaCryptoSuite;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.List;

/**
 * Exactly the cryptography of PROTOCOL.md §4, from one JCA provider. Instances are thread-safe;
 * the stream ciphers they make are not.
 */
public interface CryptoSuite {

    /** The provider names {@link #create(String)} takes. */
    List<String> PROVIDERS = List.of("jdk", "bouncycastle", "conscrypt", "openssl");

    /** The JDK's own providers. */
    static CryptoSuite jdk() {
        return create("jdk");
    }

    /**
     * The suite to encrypt a stream with: AES-CBC from the first that loads here of the system's
     * OpenSSL (it works in place on direct buffers, so a caller that keeps its data there copies
     * nothing into the Java heap: about 0.4 s of CPU a GiB fewer than Conscrypt, BENCHMARKS.md),
     * Conscrypt (as fast a byte, but each call copies its arrays; its native library is built for
     * x86-64 only) and the JDK's (about half speed until the JIT has compiled its callers, a fifth
     * of a GiB); RSA from the JDK. Chosen on a thread of its own: the caller goes on with its start
     * meanwhile, and waits only when it first needs a stream.
     */
    static CryptoSuite forEncrypting() {
        return new dropvault.crypto.internal.PreferredSuite(List.of("openssl", "conscrypt"));
    }

    /** Below this many bytes to encrypt, {@link #forEncrypting(long)} gives the JDK's suite. */
    long JDK_BELOW_BYTES = 512L << 10;

    /**
     * The suite for a stream of about {@code bytes}: below {@link #JDK_BELOW_BYTES} the JDK's, which
     * has nothing to load and is done, interpreted, before a native library would be linked (a 1 KiB
     * upload 38 ms sooner than with OpenSSL, BENCHMARKS.md); from there {@link #forEncrypting()}.
     */
    static CryptoSuite forEncrypting(long bytes) {
        return bytes < JDK_BELOW_BYTES ? jdk() : forEncrypting();
    }

    /**
     * The suite backed by the named provider.
     *
     * @throws CryptoProviderUnavailableException when the name is unknown or its provider cannot be loaded
     */
    static CryptoSuite create(String provider) {
        return JcaCryptoSuite.create(provider);
    }

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
