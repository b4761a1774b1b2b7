package dropvault.client.internal.cli;

import dropvault.protocol.NameField;
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
    public static final String CRYPTO = "crypto";
    public static final String TLS = "tls";
    public static final String TLS_FINGERPRINT = "tls-fingerprint";
    public static final String TLS_CA = "tls-ca";
    /** {@code --tls-ca system}: the system's certificate authorities. */
    static final String SYSTEM_CAS = "system";
    public static final String FIRST_PACKET = "first-packet";
    public static final String PADDED = "padded";
    public static final String PER_PACKET = "per-packet";
    public static final String PACKET_CONTENT_SIZE = "packet-content-size";
    public static final String ZERO_FILL = "zero-fill";
    public static final String EXTRA_PACKET = "extra-packet";
    public static final String SWAPPED = "swapped";
    public static final String UNPADDED_NAMES = "unpadded-names";
    public static final String SPLIT_WRITES = "split-writes";
    /** The options that each add one feature of PROTOCOL.md §8 to the dialect. */
    static final java.util.Map<String, dropvault.protocol.DialectFeature> FEATURES = java.util.Map.of(
            PADDED, dropvault.protocol.DialectFeature.PADDED_PAYLOADS,
            PER_PACKET, dropvault.protocol.DialectFeature.PER_PACKET,
            PACKET_CONTENT_SIZE, dropvault.protocol.DialectFeature.PACKET_CONTENT_SIZE,
            ZERO_FILL, dropvault.protocol.DialectFeature.ZERO_FILLED,
            EXTRA_PACKET, dropvault.protocol.DialectFeature.EXTRA_PACKET,
            SWAPPED, dropvault.protocol.DialectFeature.SWAPPED,
            UNPADDED_NAMES, dropvault.protocol.DialectFeature.UNPADDED_NAMES,
            SPLIT_WRITES, dropvault.protocol.DialectFeature.SPLIT_WRITES);
    public static final String QUIET = "quiet";
    public static final String NO_PROGRESS = "no-progress";
    public static final String HELP = "help";
    public static final String VERSION = "version";

    private ClientOptions() {
    }

    public static Options all() {
        Options o = new Options();
        o.addOption(valued("s", SERVER, "HOST:PORT", "the server (transfer.info line 1)"));
        o.addOption(valued("n", NAME, "NAME", "the client's name, at most " + NameField.MAX_LENGTH
                + " characters (transfer.info line 2)"));
        o.addOption(valued("f", FILE, "PATH", "the file to send (transfer.info line 3)"));
        o.addOption(valued("d", DIR, "DIR", "the folder of me.info and priv.key (default: the working directory)"));
        o.addOption(valued(null, DIALECT, "NAME", "auto (default): start with spec (or what worked with this server"
                + " before) and try the next on 1607, a close or silence; spec: PROTOCOL.md, strict; seed: packets from 0"
                + " padded to 1291 bytes, 826 straight after 1606; padded: padded to 1291 from 1; per-packet: each packet"
                + " encrypted alone, number and total swapped; per-packet-unpadded: that and unpadded 825/827 names;"
                + " zero-filled: per-packet, its own content size, last chunk zero-filled, one more zero packet;"
                + " single-packet: the whole file in one 828 (tried last)"));
        o.addOption(valued(null, FIRST_PACKET, "0|1", "number packets from 0 or 1 (PROTOCOL.md: 1)"));
        o.addOption(Option.builder().longOpt(PADDED).desc("pad every 828 payload to 1291 bytes (needs --chunk 1024)").get());
        o.addOption(Option.builder().longOpt(PER_PACKET).desc("encrypt each plaintext chunk on its own").get());
        o.addOption(Option.builder().longOpt(PACKET_CONTENT_SIZE)
                .desc("with --per-packet: content size = this packet's ciphertext").get());
        o.addOption(Option.builder().longOpt(ZERO_FILL).desc("with --per-packet: zero-fill the last chunk").get());
        o.addOption(Option.builder().longOpt(EXTRA_PACKET).desc("with --per-packet: one more all-zero packet").get());
        o.addOption(Option.builder().longOpt(SWAPPED).desc("total packets before the packet number").get());
        o.addOption(Option.builder().longOpt(UNPADDED_NAMES).desc("825 and 827 with the name and one NUL only").get());
        o.addOption(Option.builder().longOpt(SPLIT_WRITES).desc("write header, fields, name and data apart").get());
        o.addOption(valued(null, CHUNK, "BYTES", "ciphertext bytes a packet, a multiple of 16 (default 1024;"
                + " grown when the file would need more than 65,535 packets)"));
        o.addOption(valued(null, TIMEOUT, "SECONDS", "connect and read timeout (default 30)"));
        o.addOption(valued(null, CRYPTO, "PROVIDER", "conscrypt, openssl (the system's libcrypto), jdk or"
                + " bouncycastle (default: jdk for a file under 512 KiB, else the first of openssl and conscrypt that"
                + " loads here, else jdk)"));
        o.addOption(Option.builder().longOpt(TLS).desc("the protocol inside TLS 1.3 (or a fourth line 'tls' in"
                + " transfer.info); the server's fingerprint is recorded in servers.info beside me.info on first use and"
                + " must match it afterwards").get());
        o.addOption(valued(null, TLS_FINGERPRINT, "KEY", "TLS with exactly this server fingerprint, SHA256:... (as the"
                + " server logs it); servers.info is brought up to date with it"));
        o.addOption(valued(null, TLS_CA, "FILE|system", "TLS with a certificate issued by one of these authorities"
                + " (PEM), or by the system's, for the host name of --server"));
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
