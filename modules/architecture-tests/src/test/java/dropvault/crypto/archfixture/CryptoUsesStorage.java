package dropvault.crypto.archfixture;

/** Breaks CRYPTO_USES_ONLY_THE_JDK_AND_ITS_PROVIDERS. */
public class CryptoUsesStorage {
    dropvault.storage.Store store;
}
