/** A plugin that needs java.desktop, which the runtime image does not hold. */
module com.example.desktop {
    requires dropvault.server;
    requires java.desktop;

    provides dropvault.server.spi.RequestHandler with com.example.desktop.BeepHandler;
}
