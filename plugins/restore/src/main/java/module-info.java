/**
 * Serves request 842 of the retrieval extension (docs/PROTOCOL.md §10): a kept version made a file's
 * content again, what it held kept as a version.
 *
 * @provides dropvault.server.spi.RequestHandler
 */
module dropvault.plugin.restore {
    requires dropvault.retrieval.server;

    provides dropvault.server.spi.RequestHandler with dropvault.plugin.restore.RestoreHandler;
}
