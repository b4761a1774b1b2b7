package dropvault.client.internal.cli;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** Every option of dropvault-client, a constant per flag; values override transfer.info. */
public final class ClientOptions {
    public static final String SERVER = "server";
    public static final String NAME = "name";
    public static final String FILE = "file";
    public static final String DIR = "dir";
    public static final String DIALECT = "dialect";
    public static final String CHUNK = "chunk";
    public static final String TIMEOUT = "timeout";
    public static final String QUIET = "quiet";
    public static final String NO_PROGRESS = "no-progress";
    public static final String HELP = "help";
    public static final String VERSION = "version";

    private ClientOptions() {
    }

    public static Options all() {
        Options o = new Options();
        o.addOption(valued("s", SERVER, "HOST:PORT", "the server (transfer.info line 1)"));
        o.addOption(valued("n", NAME, "NAME", "the client's name, at most 100 characters (transfer.info line 2)"));
        o.addOption(valued("f", FILE, "PATH", "the file to send (transfer.info line 3)"));
        o.addOption(valued("d", DIR, "DIR", "the folder of me.info and priv.key (default: the working directory)"));
        o.addOption(valued(null, DIALECT, "spec|seed", "spec (default): PROTOCOL.md; seed: packets from 0, padded to"
                + " a full chunk, 826 straight after 1606, a short 1604 tolerated"));
        o.addOption(valued(null, CHUNK, "BYTES", "ciphertext bytes a packet, a multiple of 16 (default 1024;"
                + " grown when the file would need more than 65,535 packets)"));
        o.addOption(valued(null, TIMEOUT, "SECONDS", "connect and read timeout (default 30)"));
        o.addOption(Option.builder("q").longOpt(QUIET).desc("print nothing but errors").get());
        o.addOption(Option.builder().longOpt(NO_PROGRESS).desc("no progress bar").get());
        o.addOption(Option.builder("h").longOpt(HELP).desc("print this help and exit").get());
        o.addOption(Option.builder("V").longOpt(VERSION).desc("print the version and exit").get());
        return o;
    }

    private static Option valued(String shortName, String longName, String argName, String description) {
        return Option.builder(shortName).longOpt(longName).hasArg().argName(argName).desc(description).get();
    }
}
