package dropvault.check.internal;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.Dialect;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.Protocol;
import dropvault.protocol.RequestEncoder;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The 828 frames of one upload in any dialect of PROTOCOL.md §8, made one at a time as they are sent.
 * One CBC stream cut into packets of {@code chunk} ciphertext bytes, or (per-packet) each chunk of
 * plaintext encrypted on its own; numbered from 1 or 0; total and number swapped or not; payloads
 * padded to a full packet or not; the last chunk zero-filled and one more all-zero packet or not; or
 * the whole file as one packet.
 */
final class UploadFrames {
    /** Where a message written in pieces is cut: after the header, the fixed fields and the name. */
    static final int[] SPLIT_828 = {Protocol.REQUEST_HEADER_SIZE, Protocol.REQUEST_HEADER_SIZE + 12,
            Protocol.REQUEST_HEADER_SIZE + Protocol.PACKET_HEADER_SIZE};

    private final CryptoSuite crypto;
    private final byte[] aesKey;
    private final Plaintext plaintext;
    private final Dialect dialect;
    private final ClientId clientId;
    private final NameField fileName;
    /** Ciphertext a packet (stream) or plaintext a packet (per-packet). */
    private final int chunk;
    private final int total;
    private final long wholeContentSize;

    UploadFrames(CryptoSuite crypto, byte[] aesKey, Plaintext plaintext, Dialect dialect, int chunk, ClientId clientId,
                 NameField fileName) {
        this.crypto = crypto;
        this.aesKey = aesKey;
        this.plaintext = plaintext;
        this.dialect = dialect;
        this.clientId = clientId;
        this.fileName = fileName;
        long n = plaintext.size();
        this.wholeContentSize = 16 * (n / 16 + 1);
        long basis = dialect.has(DialectFeature.PER_PACKET) ? n : wholeContentSize;
        long least = (basis + Protocol.MAX_PACKETS - 1) / Protocol.MAX_PACKETS;
        // grown when the file would need more than 65,535 packets, as our client does
        this.chunk = dialect.has(DialectFeature.SINGLE_PACKET) ? (int) wholeContentSize
                : (int) Math.max(chunk, (least + 15) / 16 * 16);
        this.total = (int) Math.max(1, (basis + this.chunk - 1) / this.chunk);
    }

    int totalPackets() {
        return total;
    }

    /** Ciphertext bytes of a full packet, as the report's {@code chunk} counts them. */
    int packetData() {
        return dialect.has(DialectFeature.PER_PACKET) ? chunk + 16 : chunk;
    }

    /** The content size 1603 should echo: the whole file's ciphertext (§3). */
    long contentSize() {
        return wholeContentSize;
    }

    /** Sends every packet; in pieces when the dialect says {@code split-writes}. */
    void sendAll(Peer peer) throws IOException, GeneralSecurityException {
        boolean split = dialect.has(DialectFeature.SPLIT_WRITES);
        forEach(frame -> {
            if (split) {
                peer.sendSplit(frame, SPLIT_828);
            } else {
                peer.send(frame);
            }
        });
    }

    @FunctionalInterface
    interface FrameSink {
        void accept(byte[] frame) throws IOException;
    }

    void forEach(FrameSink sink) throws IOException, GeneralSecurityException {
        if (dialect.has(DialectFeature.PER_PACKET)) {
            perPacket(sink);
        } else {
            stream(sink);
        }
    }

    private void stream(FrameSink sink) throws IOException, GeneralSecurityException {
        AesCbcStream enc = crypto.encryptor(aesKey);
        Plaintext.Reader r = plaintext.reader();
        byte[] in = new byte[chunk];
        byte[] pending = new byte[2 * chunk + 64];
        int have = 0;
        int sent = 0;
        int n;
        while ((n = r.read(in, 0, in.length)) > 0) {
            have += enc.update(in, 0, n, pending, have);
            while (have >= chunk && sent < total - 1) {
                sink.accept(frame(sent++, Arrays.copyOf(pending, chunk), wholeContentSize));
                System.arraycopy(pending, chunk, pending, 0, have - chunk);
                have -= chunk;
            }
        }
        have += enc.finish(pending, have);
        while (sent < total) {
            int len = Math.min(chunk, have);
            sink.accept(frame(sent++, Arrays.copyOf(pending, len), wholeContentSize));
            System.arraycopy(pending, len, pending, 0, have - len);
            have -= len;
        }
    }

    private void perPacket(FrameSink sink) throws IOException, GeneralSecurityException {
        Plaintext.Reader r = plaintext.reader();
        byte[] in = new byte[chunk];
        boolean zeroFilled = dialect.has(DialectFeature.ZERO_FILLED);
        for (int i = 0; i < total; i++) {
            int n = r.read(in, 0, in.length);
            if (zeroFilled && n < chunk) {
                Arrays.fill(in, n, chunk, (byte) 0);
                n = chunk;
            }
            byte[] data = encryptAlone(in, n);
            sink.accept(frame(i, data, dialect.has(DialectFeature.PACKET_CONTENT_SIZE) ? data.length : wholeContentSize));
        }
        if (dialect.has(DialectFeature.EXTRA_PACKET)) {
            byte[] zeros = encryptAlone(new byte[chunk], chunk);
            sink.accept(frame(total, zeros, dialect.has(DialectFeature.PACKET_CONTENT_SIZE) ? zeros.length
                    : wholeContentSize));
        }
    }

    private byte[] encryptAlone(byte[] in, int n) throws GeneralSecurityException {
        AesCbcStream enc = crypto.encryptor(aesKey);
        byte[] out = new byte[enc.updateOutputSize(n) + 32];
        int len = enc.update(in, 0, n, out, 0);
        len += enc.finish(out, len);
        return Arrays.copyOf(out, len);
    }

    /** The frame of packet {@code index} (from 0) carrying {@code data}. */
    private byte[] frame(int index, byte[] data, long contentSize) {
        int base = dialect.has(DialectFeature.FROM_ZERO) ? 0 : 1;
        byte[] body = data;
        if (dialect.has(DialectFeature.PADDED_PAYLOADS) && data.length < packetData()) {
            body = Arrays.copyOf(data, packetData());
        }
        FilePacket p = new FilePacket(contentSize, plaintext.size(), index + base, total, fileName, body,
                dialect.has(DialectFeature.SWAPPED));
        return RequestEncoder.encode(clientId, p);
    }
}
