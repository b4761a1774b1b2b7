package dropvault.protocol.archfixture;

/** Breaks PROTOCOL_USES_ONLY_THE_JDK. */
public class ProtocolUsesServer {
    dropvault.server.spi.Session session;
}
