package dropvault.bench.archfixture;

/** Breaks LOAD_TOOL_SPEAKS_ONLY_THE_PROTOCOL. */
public class LoadToolUsesServer {
    dropvault.server.spi.Session session;
}
