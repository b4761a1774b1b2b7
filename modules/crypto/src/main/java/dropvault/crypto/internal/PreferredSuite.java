package dropvault.crypto.internal;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.CryptoProviderUnavailableException;
import dropvault.crypto.CryptoSuite;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * AES-CBC from the first of several providers that loads here, chosen on a thread of its own:
 * loading one takes 50 to 100 ms (a native library found, linked and tested), which the caller
 * spends meanwhile on its own start (a client reads its key, connects and sends its first request).
 * The streams wait for the choice; RSA, the keys and the random bytes are the JDK's, at once
 * (every provider makes and reads the same bytes).
 */
public final class PreferredSuite implements CryptoSuite {
    private final CompletableFuture<CryptoSuite> chosen = new CompletableFuture<>();
    private volatile CryptoSuite jdk;

    /** Starts choosing among {@code names}, in order; "jdk" is the last resort. */
    public PreferredSuite(List<String> names) {
        List<String> order = List.copyOf(names);
        Thread.ofPlatform().daemon().name("dropvault-crypto-loader").start(() -> choose(order));
    }

    private void choose(List<String> order) {
        try {
            for (String name : order) {
                try {
                    chosen.complete(JcaCryptoSuite.create(name));
                    return;
                } catch (CryptoProviderUnavailableException e) {
                    // the next one
                }
            }
            chosen.complete(JcaCryptoSuite.create("jdk"));
        } catch (RuntimeException | Error e) {
            chosen.completeExceptionally(e);
        }
    }

    /** The JDK's suite, made on first use. */
    private CryptoSuite rsa() {
        CryptoSuite j = jdk;
        if (j == null) {
            synchronized (this) {
                j = jdk;
                if (j == null) {
                    j = JcaCryptoSuite.create("jdk");
                    jdk = j;
                }
            }
        }
        return j;
    }

    private CryptoSuite suite() {
        try {
            return chosen.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public String providerName() {
        return suite().providerName();
    }

    @Override
    public KeyPair generateKeyPair() {
        return rsa().generateKeyPair();
    }

    @Override
    public byte[] encodePublicKey(PublicKey key) {
        return rsa().encodePublicKey(key);
    }

    @Override
    public PublicKey decodePublicKey(byte[] x509) throws InvalidKeyException {
        return rsa().decodePublicKey(x509);
    }

    @Override
    public byte[] encodePrivateKey(PrivateKey key) {
        return rsa().encodePrivateKey(key);
    }

    @Override
    public PrivateKey decodePrivateKey(byte[] pkcs8) throws InvalidKeyException {
        return rsa().decodePrivateKey(pkcs8);
    }

    @Override
    public byte[] wrapKey(PublicKey key, byte[] aesKey) throws InvalidKeyException {
        return rsa().wrapKey(key, aesKey);
    }

    @Override
    public byte[] unwrapKey(PrivateKey key, byte[] wrapped) throws GeneralSecurityException {
        return rsa().unwrapKey(key, wrapped);
    }

    @Override
    public byte[] newAesKey() {
        return rsa().newAesKey();
    }

    @Override
    public AesCbcStream encryptor(byte[] aesKey) throws InvalidKeyException {
        return suite().encryptor(aesKey);
    }

    @Override
    public AesCbcStream decryptor(byte[] aesKey) throws InvalidKeyException {
        return suite().decryptor(aesKey);
    }

    @Override
    public SecureRandom random() {
        return rsa().random();
    }

    @Override
    public String toString() {
        return chosen.isDone() ? suite().toString() : "CryptoSuite[choosing]";
    }
}
