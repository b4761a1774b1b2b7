package dropvault.plugin.upload;

import dropvault.crypto.AesCbcStream;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.FilePacket;
import java.io.IOException;
import java.security.InvalidKeyException;
import javax.crypto.BadPaddingException;

/**
 * The reading of clients that encrypt each plaintext chunk on its own (PROTOCOL.md §8): every
 * packet's data is a whole ciphertext with a fresh zero IV and its own padding. The content size is
 * either the padded size of the whole plaintext (the same in every packet) or this packet's
 * ciphertext size; the last chunk may have been zero-filled, and the file is cut at the original
 * size (over zeros only).
 */
final class PerPacketReading extends Reading {
    private final long originalSize;
    private byte[] plain = new byte[0];
    private long ciphertext;

    PerPacketReading(PlaintextSink sink, Decryptors decryptors, long originalSize) {
        super(sink, decryptors);
        this.originalSize = originalSize;
        features.add(DialectFeature.PER_PACKET);
    }

    @Override
    void accept(FilePacket p, boolean last) throws IOException, InvalidKeyException {
        int length = p.dataLength();
        if (length % 16 != 0) {
            fail("packet " + p.packetNumber() + " carries " + length + " bytes, no whole number of AES blocks");
            return;
        }
        if (p.contentSize() != paddedSize(originalSize)) {
            if (p.contentSize() != length) {
                fail("packet " + p.packetNumber() + " declares a content size of " + p.contentSize()
                        + ", neither its own " + length + " bytes nor the padded size of the file");
                return;
            }
            features.add(DialectFeature.PACKET_CONTENT_SIZE);
        }
        AesCbcStream decryptor = decryptors.next();
        if (plain.length < length + 32) {
            plain = new byte[length + 32];
        }
        int n = p.withData(0, length, (data, offset, len) -> decryptor.update(data, offset, len, plain, 0));
        try {
            n += decryptor.finish(plain, n);
        } catch (BadPaddingException e) {
            fail("packet " + p.packetNumber() + " does not decrypt alone to valid padding");
            return;
        }
        sink.write(plain, 0, n);
        ciphertext += length;
        if (sink.overflowed()) {
            fail("the packets decrypt to more than the original size of " + originalSize + " bytes");
        } else if (last && sink.received() < originalSize) {
            fail("the packets decrypt to " + sink.received() + " bytes, fewer than the original size of "
                    + originalSize);
        } else if (last && sink.cutZeros() > 0) {
            features.add(DialectFeature.ZERO_FILLED);
        }
    }

    @Override
    long ciphertextBytes() {
        return ciphertext;
    }
}
