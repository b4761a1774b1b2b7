/**
 * What every dropvault command line shares: {@link dropvault.cli.HelpText}, the {@code --help} of
 * dropvault-server, -client, -bench and -admin, laid out the same way;
 * {@link dropvault.cli.Terminal}, whether stderr is a terminal; and the progress line of the client
 * and the admin tool, {@link dropvault.cli.ProgressLine}, as wide as {@link dropvault.cli.TerminalWidth}
 * says. Commons CLI, and sun.misc.Signal for a resized terminal.
 */
module dropvault.cli {
    requires transitive org.apache.commons.cli;
    // sun.misc.Signal: the progress line follows the terminal's width when the window is resized
    requires jdk.unsupported;

    exports dropvault.cli;
}
