package dropvault.storage.archfixture;

/** Breaks STORAGE_USES_ONLY_PROTOCOL. */
public class StorageUsesCrypto {
    dropvault.crypto.CryptoSuite crypto;
}
