package dropvault.retrieval.server.archfixture;

/** Breaks RETRIEVAL_SERVER_USES_ONLY_THE_SPI. */
public final class RetrievalServerUsesServerCore {
    public Object config() {
        return dropvault.server.ServerConfig.defaults();
    }
}
