package dropvault.launcher;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** The options of {@code dropvault-server}: one constant per flag. */
final class ServerOptions {
    static final String PORT = "port";
    static final String TLS_PORT = "tls-port";
    static final String BIND = "bind";
    static final String DATA = "data";
    static final String CONFIG = "config";
    static final String PLUGINS = "plugins";
    static final String LIST_HANDLERS = "list-handlers";
    static final String HELP = "help";
    static final String VERSION = "version";

    static final Options OPTIONS = new Options()
            .addOption(Option.builder("p").longOpt(PORT).hasArg().argName("N")
                    .desc("port to listen on (0 picks a free one); else port.info, else conf/server.properties, else 1256")
                    .get())
            .addOption(Option.builder().longOpt(TLS_PORT).hasArg().argName("N")
                    .desc("also listen with TLS 1.3 on this port (0 picks a free one); else tls.port of the config,"
                            + " else no TLS").get())
            .addOption(Option.builder("b").longOpt(BIND).hasArg().argName("ADDR")
                    .desc("address to listen on (default: every address)").get())
            .addOption(Option.builder("d").longOpt(DATA).hasArg().argName("DIR")
                    .desc("folder of the store and the received files (default: data)").get())
            .addOption(Option.builder("c").longOpt(CONFIG).hasArg().argName("FILE")
                    .desc("server properties (default: conf/server.properties of the distribution)").get())
            .addOption(Option.builder().longOpt(PLUGINS).hasArg().argName("DIR")
                    .desc("folder of handler plugin jars (default: plugins/ of the distribution)").get())
            .addOption(Option.builder().longOpt(LIST_HANDLERS)
                    .desc("print each request code, its handler and the module and jar it comes from, and exit").get())
            .addOption(Option.builder("h").longOpt(HELP).desc("print this help and exit").get())
            .addOption(Option.builder("V").longOpt(VERSION).desc("print the version and exit").get());

    private ServerOptions() {
    }

    static CommandLine parse(String[] args) throws ParseException {
        CommandLine line = DefaultParser.builder().get().parse(OPTIONS, args);
        if (!line.getArgList().isEmpty()) {
            throw new ParseException("unexpected argument: " + line.getArgList().getFirst());
        }
        return line;
    }

    /** A port from the command line or a file: 0 to 65535. */
    static int port(String text, String where) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 0xFFFF) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + " is not a port: '" + text.strip() + "'");
    }
}
