/** A plugin whose handler cannot be created. */
module com.example.thrower {
    requires dropvault.server;

    provides dropvault.server.spi.RequestHandler with com.example.thrower.UnlicensedHandler;
}
