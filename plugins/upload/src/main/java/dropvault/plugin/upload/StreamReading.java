package dropvault.plugin.upload;

import dropvault.crypto.AesCbcStream;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.FilePacket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import javax.crypto.BadPaddingException;

/**
 * The text's reading: the whole file encrypted once, its ciphertext cut into packets of any size;
 * the content size is the same in every packet, and a last packet may run past it with zeros (the
 * padded payloads of the seed implementation).
 */
final class StreamReading extends Reading {
    private final long contentSize;
    private AesCbcStream decryptor;
    private byte[] plain = new byte[0];
    private long received;

    StreamReading(PlaintextSink sink, Decryptors decryptors, long contentSize) {
        super(sink, decryptors);
        this.contentSize = contentSize;
    }

    @Override
    void accept(FilePacket p, boolean last) throws IOException, InvalidKeyException {
        if (p.contentSize() != contentSize) {
            fail("packet " + p.packetNumber() + " changes the content size from " + contentSize + " to "
                    + p.contentSize());
            return;
        }
        if (decryptor == null) {
            decryptor = decryptors.next();
        }
        int length = p.dataLength();
        int take = (int) Math.min(length, contentSize - received);
        if (take == 0) {
            fail("packet " + p.packetNumber() + " comes after all " + contentSize + " bytes of content");
            return;
        }
        if (take < length) {
            if (!last || !zeros(p.dataView(), take)) {
                fail("packet " + p.packetNumber() + " carries " + (length - take) + " bytes beyond the content size of "
                        + contentSize);
                return;
            }
            features.add(DialectFeature.PADDED_PAYLOADS);
        }
        int room = decryptor.updateOutputSize(take);
        if (plain.length < Math.max(room, 32)) {
            plain = new byte[Math.max(room, 32)];
        }
        int n = p.withData(0, take, (data, offset, len) -> decryptor.update(data, offset, len, plain, 0));
        sink.write(plain, 0, n);
        received += take;
        if (!last) {
            if (received == contentSize) {
                fail("all " + contentSize + " bytes arrived by packet " + p.packetNumber() + ", before the last");
            }
            return;
        }
        if (received != contentSize) {
            fail("the last packet came after " + received + " of " + contentSize + " bytes");
            return;
        }
        try {
            sink.write(plain, 0, decryptor.finish(plain, 0));
        } catch (BadPaddingException e) {
            fail("the file does not decrypt to valid padding: " + e.getMessage());
        }
    }

    private static boolean zeros(ByteBuffer b, int from) {
        for (int i = from; i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    long ciphertextBytes() {
        return received;
    }
}
