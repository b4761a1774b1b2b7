package dropvault.client.archfixture;

/** Breaks CLIENT_USES_ONLY_PROTOCOL_CRYPTO_TRANSPORT_AND_CLI and CLIENT_NEVER_TOUCHES_SERVER_OR_STORAGE. */
public class ClientUsesStore {
    dropvault.storage.Store store;
}
