/** A plugin that claims request 825, which dropvault.plugin.register serves already. */
module com.example.usurper {
    requires dropvault.server;

    provides dropvault.server.spi.RequestHandler with com.example.usurper.RegisterAgain;
}
