/** Main classes of the distribution: it assembles the server, its built-in plugins, the MapDB store and the client. */
module dropvault.launcher {
    requires dropvault.server;
    requires dropvault.client;
}
