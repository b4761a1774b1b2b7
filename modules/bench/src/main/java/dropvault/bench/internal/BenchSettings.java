package dropvault.bench.internal;

import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.Protocol;
import java.util.EnumSet;
import java.time.Duration;

/**
 * One load run: {@code clients} concurrent clients doing {@code sessions} sessions each, uploading
 * {@code size} bytes with {@code packet} ciphertext bytes a packet, after {@code warmup} untimed
 * sessions each, while {@code idleConnections} silent connections are held open; inside TLS with
 * {@code tls} (any certificate, or only the one of {@code tlsFingerprint}).
 */
public record BenchSettings(String host, int port, int clients, int sessions, long size, int packet,
                            Dialect dialect, boolean keepConnection, int warmup, int idleConnections,
                            Duration timeout, boolean tls, java.util.Optional<String> tlsFingerprint) {

    /** In the clear. */
    public BenchSettings(String host, int port, int clients, int sessions, long size, int packet, Dialect dialect,
                         boolean keepConnection, int warmup, int idleConnections, Duration timeout) {
        this(host, port, clients, sessions, size, packet, dialect, keepConnection, warmup, idleConnections, timeout,
                false, java.util.Optional.empty());
    }

    /** What the load tool can send: one CBC stream, numbered from 0 or 1, padded or not, fields in either order. */
    static final EnumSet<DialectFeature> SUPPORTED = EnumSet.of(DialectFeature.FROM_ZERO,
            DialectFeature.PADDED_PAYLOADS, DialectFeature.SWAPPED);

    public BenchSettings {
        if (clients < 1 || sessions < 1) {
            throw new IllegalArgumentException("--clients and --sessions must be at least 1");
        }
        if (size < 0 || size > Protocol.MAX_FILE_SIZE) {
            throw new IllegalArgumentException("--size must be 0 to " + Protocol.MAX_FILE_SIZE + " bytes: " + size);
        }
        if (packet < 16 || packet % 16 != 0) {
            throw new IllegalArgumentException("--packet must be a positive multiple of 16: " + packet);
        }
        if (!SUPPORTED.containsAll(dialect.features())) {
            throw new IllegalArgumentException("--dialect: the load tool sends one CBC stream (spec, seed, padded,"
                    + " and from-0, padded, swapped combined), not " + dialect);
        }
        if (dialect.has(DialectFeature.PADDED_PAYLOADS) && packet != Protocol.DEFAULT_PACKET_DATA) {
            throw new IllegalArgumentException("the " + dialect + " dialect sends 1024 ciphertext bytes a packet");
        }
        if (dialect.has(DialectFeature.PADDED_PAYLOADS) && contentSize(size) > (long) Protocol.MAX_PACKETS * packet) {
            throw new IllegalArgumentException("the " + dialect + " dialect carries at most 65,535 packets of 1024 bytes");
        }
        if (tlsFingerprint.isPresent() && !tls) {
            throw new IllegalArgumentException("--tls-fingerprint goes with --tls");
        }
        if (warmup < 0 || idleConnections < 0) {
            throw new IllegalArgumentException("--warmup and --idle must not be negative");
        }
    }

    /** Bytes of ciphertext for {@code plaintext} bytes: AES-CBC with PKCS#7 padding. */
    public static long contentSize(long plaintext) {
        return 16 * (plaintext / 16 + 1);
    }

    /** The packet size used: the one asked for, grown so that the file fits in 65,535 packets. */
    public int effectivePacket() {
        long needed = (contentSize(size) + Protocol.MAX_PACKETS - 1) / Protocol.MAX_PACKETS;
        long rounded = (needed + 15) / 16 * 16;
        return (int) Math.max(packet, rounded);
    }

    public int totalPackets() {
        return (int) ((contentSize(size) + effectivePacket() - 1) / effectivePacket());
    }
}
