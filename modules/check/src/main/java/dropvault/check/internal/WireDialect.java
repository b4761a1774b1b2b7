package dropvault.check.internal;

import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;

/**
 * The report's {@code "dialect"} object: for a server what it needs, for a client what it speaks,
 * in the one vocabulary of {@link Dialect}.
 *
 * @param dialect the features
 * @param chunk   ciphertext bytes of a full (not the last) packet
 */
public record WireDialect(Dialect dialect, int chunk) {
    public int firstPacket() {
        return dialect.has(DialectFeature.FROM_ZERO) ? 0 : 1;
    }

    public boolean paddedPayloads() {
        return dialect.has(DialectFeature.PADDED_PAYLOADS);
    }

    public boolean perPacketEncryption() {
        return dialect.has(DialectFeature.PER_PACKET);
    }

    public boolean swappedFields() {
        return dialect.has(DialectFeature.SWAPPED);
    }

    public boolean unpaddedNames() {
        return dialect.has(DialectFeature.UNPADDED_NAMES);
    }
}
