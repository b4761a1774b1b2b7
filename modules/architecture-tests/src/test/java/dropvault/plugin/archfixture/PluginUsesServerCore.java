package dropvault.plugin.archfixture;

/** Breaks PLUGINS_USE_ONLY_THE_SPI_AND_LOWER_LAYERS: the server's own package is not its SPI. */
public class PluginUsesServerCore {
    dropvault.server.Server server;
}
