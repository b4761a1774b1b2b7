/**
 * Serves request 840 of the retrieval extension (docs/PROTOCOL.md §10): the client's files and their
 * kept versions, sealed with the connection's key.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.list {
    requires dropvault.retrieval.server;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.list.ListHandler;
}
