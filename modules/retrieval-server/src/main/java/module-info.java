/**
 * What the retrieval plugins (list, get, restore) share on the server: the turn a sealed request is
 * taken in, opening it with the connection's {@link dropvault.retrieval.SealedChannel}, and sealed answers.
 */
module dropvault.retrieval.server {
    requires transitive dropvault.retrieval;
    requires transitive dropvault.server;

    exports dropvault.retrieval.server;
}
