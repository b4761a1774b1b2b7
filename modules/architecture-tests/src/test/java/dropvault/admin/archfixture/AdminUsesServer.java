package dropvault.admin.archfixture;

/** Breaks ADMIN_WORKS_THROUGH_THE_STORE_SPI: the admin tool would open the store as the server does. */
public class AdminUsesServer {
    dropvault.server.ServerConfig config;
}
