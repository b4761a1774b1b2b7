package dropvault.plugin.upload;

import dropvault.crypto.AesCbcStream;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.FilePacket;
import java.io.IOException;
import java.security.InvalidKeyException;
import java.util.EnumSet;
import java.util.Set;

/**
 * One way to read the packets of an upload (PROTOCOL.md §8): as one CBC stream, or as packets that
 * each decrypt alone. It writes what it reads to a {@link PlaintextSink}, and once the packets
 * contradict it, it stops and says why ({@link #failure()}), without throwing: the upload keeps the
 * readings that still fit.
 */
abstract sealed class Reading permits StreamReading, PerPacketReading {
    /** A fresh decryptor with the connection's key. */
    @FunctionalInterface
    interface Decryptors {
        AesCbcStream next() throws InvalidKeyException;
    }

    final PlaintextSink sink;
    final Decryptors decryptors;
    final Set<DialectFeature> features = EnumSet.noneOf(DialectFeature.class);
    private String failure;

    Reading(PlaintextSink sink, Decryptors decryptors) {
        this.sink = sink;
        this.decryptors = decryptors;
    }

    /** Reads the next packet; {@code last}: it is the last by its number. */
    abstract void accept(FilePacket p, boolean last) throws IOException, InvalidKeyException;

    /** The ciphertext bytes this reading took from the packets. */
    abstract long ciphertextBytes();

    final boolean fits() {
        return failure == null;
    }

    final String failure() {
        return failure;
    }

    final void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /** 16 * (floor(n / 16) + 1): the ciphertext of n plaintext bytes. */
    static long paddedSize(long n) {
        return 16 * (n / 16 + 1);
    }
}
