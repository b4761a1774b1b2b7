package dropvault.retrieval.archfixture;

/** Breaks RETRIEVAL_USES_ONLY_PROTOCOL. */
public final class RetrievalUsesServer {
    public Object session(dropvault.server.spi.Session s) {
        return s;
    }
}
