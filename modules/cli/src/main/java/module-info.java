/**
 * What every dropvault command line shares: {@link dropvault.cli.HelpText}, the {@code --help} of
 * dropvault-server, -client, -bench and -admin, laid out the same way, and
 * {@link dropvault.cli.Terminal}, whether stderr is a terminal. Commons CLI only.
 */
module dropvault.cli {
    requires transitive org.apache.commons.cli;

    exports dropvault.cli;
}
