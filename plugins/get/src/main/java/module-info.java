/**
 * Serves request 841 of the retrieval extension (docs/PROTOCOL.md §10): the content of a file or of one
 * of its versions, streamed in sealed pieces with its cksum.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.get {
    requires dropvault.retrieval.server;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.get.GetHandler;
}
