package dropvault.launcher;

import dropvault.cli.HelpText;
import dropvault.metrics.MetricsServer;
import dropvault.metrics.ServerMetrics;
import dropvault.server.HandlerInfo;
import dropvault.server.Server;
import dropvault.server.ServerConfig;
import dropvault.server.ServerStartException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.ParseException;

/**
 * {@code dropvault-server [--port N] [--tls-port N] [--bind ADDR] [--data DIR] [--config FILE] [--plugins DIR]
 * [--list-handlers] [--help] [--version]}.
 *
 * <p>Prints {@code dropvault listening on ADDR:PORT} once it accepts connections, and
 * {@code dropvault listening on ADDR:PORT (tls)} for the TLS listener. SIGTERM stops
 * accepting, lets uploads in flight finish for the shutdown grace, closes the store and exits 0.
 * Exit status 2 for a usage error, 1 when the server cannot start.
 */
public final class ServerMain {
    /** The distribution's folder; the bin script sets it. */
    static final String HOME_PROPERTY = "dropvault.home";
    static final String PORT_INFO = "port.info";
    static final String PLUGINS = "plugins";
    private static final String LOGGING_CONFIG = "java.util.logging.config.file";

    private ServerMain() {
    }

    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the server until SIGTERM, or returns an exit status when it cannot start. */
    static int run(String[] args) {
        CommandLine line;
        try {
            line = ServerOptions.parse(args);
        } catch (ParseException e) {
            System.err.println("dropvault-server: " + e.getMessage() + " (try --help)");
            return 2;
        }
        if (line.hasOption(ServerOptions.HELP)) {
            printHelp();
            return 0;
        }
        if (line.hasOption(ServerOptions.VERSION)) {
            System.out.println("dropvault-server " + Version.get());
            return 0;
        }
        configureLogging();
        ServerConfig config;
        Optional<InetSocketAddress> metricsBind;
        try {
            Properties props = properties(line.getOptionValue(ServerOptions.CONFIG));
            ServerConfig.unknownKeysWarning(props).ifPresent(w -> System.getLogger("dropvault.server")
                    .log(Level.WARNING, w));
            config = config(line, Path.of(""), props);
            metricsBind = Optional.ofNullable(props.getProperty(ServerConfig.METRICS_BIND))
                    .filter(v -> !v.isBlank()).map(MetricsServer::parseAddress);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("dropvault-server: " + e.getMessage());
            return 2;
        }
        Server.Builder builder = Server.builder(config);
        ServerMetrics metrics = metricsBind.isPresent() ? new ServerMetrics() : null;
        if (metrics != null) {
            builder.events(metrics);
        }
        try {
            pluginFolder(line).ifPresent(builder::pluginFolder);
        } catch (IllegalArgumentException e) {
            System.err.println("dropvault-server: " + e.getMessage());
            return 2;
        }
        if (line.hasOption(ServerOptions.LIST_HANDLERS)) {
            return listHandlers(builder);
        }
        Server server;
        try {
            server = builder.start();
        } catch (ServerStartException e) {
            System.err.println("dropvault-server: " + e.getMessage());
            return 1;
        }
        MetricsServer endpoint = null;
        if (metrics != null) {
            metrics.status(server::status);
            try {
                endpoint = metrics.serve(metricsBind.get());
            } catch (IOException e) {
                System.err.println("dropvault-server: cannot serve metrics on " + metricsBind.get() + ": " + e);
                stop(server, null);
                return 1;
            }
            System.getLogger("dropvault.server").log(Level.INFO, "metrics and health on http://"
                    + endpoint.address().getAddress().getHostAddress() + ":" + endpoint.address().getPort()
                    + "/metrics, /-/healthy, /-/ready");
        }
        MetricsServer http = endpoint;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, http), "dropvault-shutdown"));
        StopOnSigterm.install(() -> System.exit(stop(server, http)));
        // the plain line's format is what scripts and tests parse: keep it exactly
        server.plainAddress().ifPresent(a -> System.out.println("dropvault listening on "
                + a.getAddress().getHostAddress() + ":" + a.getPort()));
        server.tlsAddress().ifPresent(a -> System.out.println("dropvault listening on "
                + a.getAddress().getHostAddress() + ":" + a.getPort() + " (tls)"));
        System.out.flush();
        awaitForever();
        return 0;
    }

    /** {@code --plugins DIR}, else the distribution's plugins/ when there is one. */
    private static Optional<Path> pluginFolder(CommandLine line) {
        if (line.hasOption(ServerOptions.PLUGINS)) {
            Path folder = Path.of(line.getOptionValue(ServerOptions.PLUGINS));
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("--plugins " + folder + " is not a folder");
            }
            return Optional.of(folder);
        }
        return home().map(h -> h.resolve(PLUGINS)).filter(Files::isDirectory);
    }

    private static int listHandlers(Server.Builder builder) {
        List<HandlerInfo> handlers;
        try {
            handlers = builder.listHandlers();
        } catch (ServerStartException e) {
            System.err.println("dropvault-server: " + e.getMessage());
            return 1;
        }
        for (HandlerInfo h : handlers) {
            System.out.println(h.code() + "  " + h.handler() + "  " + h.module() + "  " + h.location());
        }
        return 0;
    }

    /**
     * Stops the server cleanly; idempotent. On SIGTERM it runs before the JVM shuts down, so the
     * last session lines are still logged; the shutdown hook covers other ways out.
     *
     * @return the exit status: 0 for a clean stop
     */
    private static int stop(Server server, MetricsServer metrics) {
        try {
            server.stop();
            if (metrics != null) {
                metrics.close();
            }
            return 0;
        } catch (Exception e) {
            System.getLogger("dropvault.server").log(Level.ERROR, "unclean stop", e);
            return 1;
        }
    }

    private static void awaitForever() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The configuration: the properties file over the defaults, then the options. The port comes from
     * {@code --port}, else {@code port.info} in {@code workDir}, else the properties, else 1256 with a warning.
     */
    static ServerConfig config(CommandLine line, Path workDir) throws IOException {
        return config(line, workDir, properties(line.getOptionValue(ServerOptions.CONFIG)));
    }

    static ServerConfig config(CommandLine line, Path workDir, Properties props) throws IOException {
        if (line.hasOption(ServerOptions.TLS_PORT)) {
            // before the properties are checked: plain.enabled=false there needs a TLS port from somewhere
            props = (Properties) props.clone();
            props.setProperty(ServerConfig.TLS_PORT, Integer.toString(
                    ServerOptions.port(line.getOptionValue(ServerOptions.TLS_PORT), "--tls-port")));
        }
        ServerConfig config = ServerConfig.fromProperties(props, ServerConfig.defaults());
        config = config.withPort(port(line, workDir, props));
        if (line.hasOption(ServerOptions.BIND)) {
            config = config.withBindAddress(ServerConfig.address(line.getOptionValue(ServerOptions.BIND)));
        }
        if (line.hasOption(ServerOptions.DATA)) {
            config = config.withDataDir(Path.of(line.getOptionValue(ServerOptions.DATA)));
        }
        return config;
    }

    private static int port(CommandLine line, Path workDir, Properties props) throws IOException {
        if (line.hasOption(ServerOptions.PORT)) {
            return ServerOptions.port(line.getOptionValue(ServerOptions.PORT), "--port");
        }
        Path portInfo = workDir.resolve(PORT_INFO);
        if (Files.isRegularFile(portInfo)) {
            List<String> lines = Files.readAllLines(portInfo);
            return ServerOptions.port(lines.isEmpty() ? "" : lines.getFirst(), portInfo.toString());
        }
        if (props.containsKey(ServerConfig.PORT)) {
            return ServerOptions.port(props.getProperty(ServerConfig.PORT), ServerConfig.PORT + " in the config");
        }
        if ("false".equals(props.getProperty(ServerConfig.PLAIN_ENABLED, "").strip())) {
            return ServerConfig.DEFAULT_PORT;
        }
        System.getLogger("dropvault.server").log(Level.WARNING,
                "no --port, no port.info and no port in the config: listening on " + ServerConfig.DEFAULT_PORT);
        return ServerConfig.DEFAULT_PORT;
    }

    private static Properties properties(String configOption) throws IOException {
        Properties props = new Properties();
        Path file;
        if (configOption != null) {
            file = Path.of(configOption);
            if (!Files.isRegularFile(file)) {
                throw new IOException("no config file " + file);
            }
        } else {
            file = home().map(h -> h.resolve("conf").resolve("server.properties")).filter(Files::isRegularFile)
                    .orElse(null);
        }
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
        }
        return props;
    }

    /** conf/logging.properties of the distribution, unless logging was configured already. */
    private static void configureLogging() {
        if (System.getProperty(LOGGING_CONFIG) == null) {
            home().map(h -> h.resolve("conf").resolve("logging.properties")).filter(Files::isRegularFile)
                    .ifPresent(f -> System.setProperty(LOGGING_CONFIG, f.toString()));
        }
    }

    private static Optional<Path> home() {
        return Optional.ofNullable(System.getProperty(HOME_PROPERTY)).map(Path::of);
    }

    private static void printHelp() {
        System.out.print(HelpText.of("dropvault-server [options]", "Receives encrypted files (protocol version 3)."
                        + " Settings not given as options come from conf/server.properties (or --config); SIGTERM"
                        + " stops the server cleanly.", ServerOptions.OPTIONS,
                List.of(new HelpText.Section("Exit status:", List.of(new HelpText.Row("0", "stopped cleanly"),
                        new HelpText.Row("1", "could not start, or stopped uncleanly"),
                        new HelpText.Row("2", "bad command line or configuration"))))));
        System.out.flush();
    }
}
