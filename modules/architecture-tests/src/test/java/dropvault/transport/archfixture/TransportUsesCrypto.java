package dropvault.transport.archfixture;

/** Breaks TRANSPORT_USES_ONLY_PROTOCOL. */
public class TransportUsesCrypto {
    dropvault.crypto.CryptoSuite crypto;
}
