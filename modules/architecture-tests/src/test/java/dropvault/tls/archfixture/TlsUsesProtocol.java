package dropvault.tls.archfixture;

/** Breaks TLS_USES_ONLY_THE_JDK_AND_ITS_LIBRARIES. */
public class TlsUsesProtocol {
    dropvault.protocol.ClientId id;
}
