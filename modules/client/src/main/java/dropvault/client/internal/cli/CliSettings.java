package dropvault.client.internal.cli;

import dropvault.client.ServerAddress;
import dropvault.client.TlsSettings;
import dropvault.client.TransferInfo;
import dropvault.client.UploadConfig;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.NameField;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import dropvault.protocol.Protocol;
import org.apache.commons.cli.CommandLine;

/**
 * The options of one run, checked: what the command line gave, each value still optional
 * because transfer.info fills in what it left out.
 */
record CliSettings(ServerAddress server, String name, String file, String dir, Dialect dialect, boolean auto,
                   int chunk, Duration timeout, boolean quiet, boolean noProgress, String crypto, TlsSettings tls) {

    static final int MAX_CHUNK = 16 * 1024 * 1024;

    /** @throws IllegalArgumentException with a message for the user when a value is wrong */
    static CliSettings from(CommandLine cl) {
        if (!cl.getArgList().isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + cl.getArgList().getFirst()
                    + "'; without options the client reads transfer.info");
        }
        return withOperands(cl);
    }

    /** The settings of a subcommand's command line, whose arguments are its operands. */
    static CliSettings withOperands(CommandLine cl) {
        ServerAddress server = null;
        if (cl.hasOption(ClientOptions.SERVER)) {
            try {
                server = ServerAddress.parse(cl.getOptionValue(ClientOptions.SERVER));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--server: " + e.getMessage(), e);
            }
        }
        String name = cl.getOptionValue(ClientOptions.NAME);
        if (name != null) {
            checkName(name);
        }
        String file = cl.getOptionValue(ClientOptions.FILE);
        if (file != null && file.isBlank()) {
            throw new IllegalArgumentException("--file: empty path");
        }
        Dialect dialect = dialect(cl);
        boolean auto = dialect == null;
        int chunk = chunk(cl);
        if (!auto && dialect.has(DialectFeature.PADDED_PAYLOADS) && chunk != Protocol.DEFAULT_PACKET_DATA) {
            throw new IllegalArgumentException("--padded: payloads are padded to 1291 bytes, so --chunk must be 1024");
        }
        return new CliSettings(server, name, file, cl.getOptionValue(ClientOptions.DIR), auto ? Dialect.SPEC : dialect,
                auto, chunk, timeout(cl), cl.hasOption(ClientOptions.QUIET), cl.hasOption(ClientOptions.NO_PROGRESS),
                crypto(cl), tls(cl));
    }

    /**
     * TLS as the options ask for it, or null when they do not (transfer.info's fourth line then decides):
     * {@code --tls} alone checks servers.info, {@code --tls-fingerprint} pins, {@code --tls-ca} trusts authorities.
     */
    private static TlsSettings tls(CommandLine cl) {
        String fingerprint = cl.getOptionValue(ClientOptions.TLS_FINGERPRINT);
        String ca = cl.getOptionValue(ClientOptions.TLS_CA);
        if (fingerprint != null && ca != null) {
            throw new IllegalArgumentException("--tls-fingerprint and --tls-ca: one way to know the server, not both");
        }
        if (fingerprint != null) {
            try {
                return TlsSettings.pinned(dropvault.tls.Fingerprint.parse(fingerprint));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--tls-fingerprint: " + e.getMessage(), e);
            }
        }
        if (ca != null) {
            if (ca.isBlank()) {
                throw new IllegalArgumentException("--tls-ca: a PEM file, or 'system'");
            }
            return TlsSettings.authorities(ca.strip().equals(ClientOptions.SYSTEM_CAS) ? java.util.Optional.empty()
                    : java.util.Optional.of(Path.of(ca)));
        }
        return cl.hasOption(ClientOptions.TLS) ? TlsSettings.knownServers() : null;
    }

    /** The provider --crypto names, or null for the default. */
    private static String crypto(CommandLine cl) {
        String c = cl.getOptionValue(ClientOptions.CRYPTO);
        if (c == null) {
            return null;
        }
        String name = c.strip().toLowerCase(java.util.Locale.ROOT);
        if (!dropvault.crypto.CryptoSuites.PROVIDERS.contains(name)) {
            throw new IllegalArgumentException("--crypto: expected one of " + dropvault.crypto.CryptoSuites.PROVIDERS
                    + ", not '" + c + "'");
        }
        return name;
    }

    /** The suite --crypto names, or the default one for a file of {@code fileBytes}. */
    dropvault.crypto.CryptoSuite cryptoSuite(long fileBytes) {
        return crypto == null ? dropvault.crypto.CryptoSuites.forEncrypting(fileBytes)
                : dropvault.crypto.CryptoSuites.forName(crypto);
    }

    static void checkName(String name) {
        String problem = NameField.nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException("--name: " + problem);
        }
    }

    /** The upload these settings describe, missing values taken from {@code transferInfo}. */
    UploadConfig toConfig(TransferInfo transferInfo, Path workDir) {
        ServerAddress s = server != null ? server : transferInfo.server();
        String n = name != null ? name : transferInfo.name();
        String f = file != null ? file : transferInfo.file();
        Path clientDir = dir != null ? workDir.resolve(dir) : workDir;
        TlsSettings t = tls != null ? tls
                : transferInfo != null && transferInfo.tls() ? TlsSettings.knownServers() : TlsSettings.OFF;
        if (t.caFile().isPresent()) {
            t = TlsSettings.authorities(java.util.Optional.of(workDir.resolve(t.caFile().get())));
        }
        return new UploadConfig(s.host(), s.port(), n, workDir.resolve(f), clientDir, dialect, chunk, timeout, auto, t);
    }

    /** The same settings with {@code path} as the file (a subcommand names its files otherwise). */
    CliSettings withFile(String path) {
        return new CliSettings(server, name, path, dir, dialect, auto, chunk, timeout, quiet, noProgress, crypto, tls);
    }

    /** The same settings with {@code n} as the name when none was given (a client that only reconnects needs none). */
    CliSettings withNameIfNone(String n) {
        return name != null ? this
                : new CliSettings(server, n, file, dir, dialect, auto, chunk, timeout, quiet, noProgress, crypto, tls);
    }

    boolean needsTransferInfo() {
        return server == null || name == null || file == null;
    }

    /**
     * The dialect the options name, or null for {@code auto} (the default, when no option names a
     * feature). The feature options add to the named dialect (spec when none is named).
     */
    private static Dialect dialect(CommandLine cl) {
        String d = cl.getOptionValue(ClientOptions.DIALECT, "auto").strip().toLowerCase(Locale.ROOT);
        Dialect base = null;
        if (!d.equals("auto")) {
            base = Dialect.parse(d).orElseThrow(() -> new IllegalArgumentException("--dialect: expected auto, "
                    + Dialect.TRIED.stream().map(Dialect::name).collect(java.util.stream.Collectors.joining(", "))
                    + " or features joined with +, got '" + d + "'"));
        }
        Dialect chosen = base == null ? Dialect.SPEC : base;
        boolean any = false;
        String first = cl.getOptionValue(ClientOptions.FIRST_PACKET);
        if (first != null) {
            any = true;
            switch (first.strip()) {
                case "0" -> chosen = chosen.with(DialectFeature.FROM_ZERO);
                case "1" -> chosen = chosen.without(DialectFeature.FROM_ZERO);
                default -> throw new IllegalArgumentException("--first-packet: 0 or 1, not '" + first + "'");
            }
        }
        for (Map.Entry<String, DialectFeature> e : ClientOptions.FEATURES.entrySet()) {
            if (cl.hasOption(e.getKey())) {
                any = true;
                chosen = chosen.with(e.getValue());
            }
        }
        return base == null && !any ? null : chosen;
    }

    private static int chunk(CommandLine cl) {
        String v = cl.getOptionValue(ClientOptions.CHUNK);
        if (v == null) {
            return UploadConfig.DEFAULT_CHUNK_SIZE;
        }
        long c;
        try {
            c = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--chunk: not a number: '" + v + "'", e);
        }
        if (c < 16 || c > MAX_CHUNK || c % 16 != 0) {
            throw new IllegalArgumentException("--chunk: a multiple of 16 from 16 to " + MAX_CHUNK + ", not " + v);
        }
        return (int) c;
    }

    private static Duration timeout(CommandLine cl) {
        String v = cl.getOptionValue(ClientOptions.TIMEOUT);
        if (v == null) {
            return UploadConfig.DEFAULT_TIMEOUT;
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timeout: not a number of seconds: '" + v + "'", e);
        }
        if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(86_400)) > 0) {
            throw new IllegalArgumentException("--timeout: seconds, more than 0 and at most 86400, not " + v);
        }
        return Duration.ofMillis(Math.max(1, seconds.movePointRight(3).longValue()));
    }
}
