package dropvault.crypto.internal;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.CryptoProviderUnavailableException;
import dropvault.crypto.CryptoSuite;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * A {@link CryptoSuite} over one JCA provider. For "jdk" the JDK's own providers are named
 * explicitly (SunJCE for ciphers, SunRsaSign for RSA keys), so a provider installed globally by
 * someone else never takes their place.
 */
public final class JcaCryptoSuite implements CryptoSuite {
    static final String AES = "AES/CBC/PKCS5Padding";
    private static final String OAEP = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";
    private static final OAEPParameterSpec OAEP_SHA1 =
            new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
    private static final int RSA_BITS = 1024;
    private static final int PUBLIC_KEY_SIZE = 160;
    private static final BigInteger EXPONENT = BigInteger.valueOf(17);
    /** The names {@link #create(String)} takes. */
    public static final List<String> PROVIDER_NAMES = List.of("jdk", "bouncycastle", "conscrypt", "openssl");

    private final String name;
    private final Provider ciphers;
    private final Provider rsaKeys;
    /** Conscrypt copies a whole array into native memory for every call, however small the slice. */
    private final boolean boundSlices;
    /** The system's libcrypto for AES-CBC, or null for the provider's own. */
    private final LibCrypto libCrypto;
    private final SecureRandom random;

    private JcaCryptoSuite(String name, Provider ciphers, Provider rsaKeys, boolean boundSlices, LibCrypto libCrypto) {
        this.name = name;
        this.ciphers = ciphers;
        this.rsaKeys = rsaKeys;
        this.boundSlices = boundSlices;
        this.libCrypto = libCrypto;
        this.random = new SecureRandom();
    }

    private JcaCryptoSuite(String name, Provider ciphers, Provider rsaKeys, boolean boundSlices) {
        this(name, ciphers, rsaKeys, boundSlices, null);
    }

    public static CryptoSuite create(String name) {
        if (name == null) {
            throw new CryptoProviderUnavailableException("null", "no provider named; choose one of "
                    + PROVIDER_NAMES, null);
        }
        return switch (name) {
            case "jdk" -> new JcaCryptoSuite(name, Providers.jdk("SunJCE"), Providers.jdk("SunRsaSign"), false);
            case "bouncycastle" -> {
                Provider bc = Providers.bouncyCastle();
                yield new JcaCryptoSuite(name, bc, bc, false);
            }
            case "conscrypt" -> {
                Provider conscrypt = Providers.conscrypt();
                yield new JcaCryptoSuite(name, conscrypt, conscrypt, true);
            }
            // AES-CBC from the system's libcrypto, in place on the arrays; RSA as "jdk"
            case "openssl" -> new JcaCryptoSuite(name, Providers.jdk("SunJCE"), Providers.jdk("SunRsaSign"), false,
                    LibCrypto.get());
            default -> throw new CryptoProviderUnavailableException(name,
                    "unknown provider; choose one of " + PROVIDER_NAMES, null);
        };
    }

    @Override
    public String providerName() {
        return name;
    }

    @Override
    public KeyPair generateKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", rsaKeys);
            g.initialize(new RSAKeyGenParameterSpec(RSA_BITS, EXPONENT), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " cannot generate RSA-1024 keys", e);
        }
    }

    @Override
    public byte[] encodePublicKey(PublicKey key) {
        return key.getEncoded();
    }

    @Override
    public PublicKey decodePublicKey(byte[] x509) throws InvalidKeyException {
        if (x509.length != PUBLIC_KEY_SIZE) {
            throw new InvalidKeyException("a public key on the wire is " + PUBLIC_KEY_SIZE + " bytes, not " + x509.length
                    + " (a 1024-bit RSA key with e = 17)");
        }
        PublicKey key;
        try {
            key = keyFactory().generatePublic(new X509EncodedKeySpec(x509.clone()));
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new InvalidKeyException("not a valid X.509 RSA public key", e);
        }
        if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() != RSA_BITS) {
            throw new InvalidKeyException("not a 1024-bit RSA public key");
        }
        return key;
    }

    @Override
    public byte[] encodePrivateKey(PrivateKey key) {
        return key.getEncoded();
    }

    @Override
    public PrivateKey decodePrivateKey(byte[] pkcs8) throws InvalidKeyException {
        try {
            return keyFactory().generatePrivate(new PKCS8EncodedKeySpec(pkcs8.clone()));
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new InvalidKeyException("not a valid PKCS#8 RSA private key", e);
        }
    }

    @Override
    public byte[] wrapKey(PublicKey key, byte[] aesKey) throws InvalidKeyException {
        try {
            Cipher c = oaep();
            c.init(Cipher.ENCRYPT_MODE, key, OAEP_SHA1, random);
            return c.doFinal(aesKey);
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " cannot wrap with OAEP", e);
        }
    }

    @Override
    public byte[] unwrapKey(PrivateKey key, byte[] wrapped) throws GeneralSecurityException {
        Cipher c = oaep();
        c.init(Cipher.DECRYPT_MODE, key, OAEP_SHA1);
        return c.doFinal(wrapped);
    }

    @Override
    public byte[] newAesKey() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return k;
    }

    @Override
    public AesCbcStream encryptor(byte[] aesKey) throws InvalidKeyException {
        if (libCrypto != null) {
            return new OpenSslAesCbcStream(libCrypto, aesKey, true);
        }
        return new JcaAesCbcStream(aesCipher(), Cipher.ENCRYPT_MODE, aesKey, boundSlices);
    }

    @Override
    public AesCbcStream decryptor(byte[] aesKey) throws InvalidKeyException {
        if (libCrypto != null) {
            return new OpenSslAesCbcStream(libCrypto, aesKey, false);
        }
        return new JcaAesCbcStream(aesCipher(), Cipher.DECRYPT_MODE, aesKey, boundSlices);
    }

    @Override
    public SecureRandom random() {
        return random;
    }

    private KeyFactory keyFactory() {
        try {
            return KeyFactory.getInstance("RSA", rsaKeys);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " has no RSA key factory", e);
        }
    }

    private Cipher oaep() {
        return cipher(OAEP);
    }

    private Cipher aesCipher() {
        return cipher(AES);
    }

    private Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation, ciphers);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException(name + " does not offer " + transformation, e);
        }
    }

    @Override
    public String toString() {
        return "CryptoSuite[" + name + "]";
    }
}
