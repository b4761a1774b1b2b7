package dropvault.client.archfixture;

/** Breaks NOTHING_USES_ANOTHER_MODULES_INTERNALS. */
public class ClientUsesCryptoInternals {
    dropvault.crypto.internal.JcaCryptoSuite suite;
}
