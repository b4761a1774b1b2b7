package dropvault.cli.archfixture;

/** Breaks CLI_HELPERS_USE_ONLY_COMMONS_CLI. */
public class CliUsesProtocol {
    dropvault.protocol.ClientId id;
}
