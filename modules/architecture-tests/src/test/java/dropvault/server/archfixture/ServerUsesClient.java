package dropvault.server.archfixture;

/** Breaks SERVER_USES_ONLY_ITS_LOWER_LAYERS. */
public class ServerUsesClient {
    dropvault.client.ClientCli cli;
}
