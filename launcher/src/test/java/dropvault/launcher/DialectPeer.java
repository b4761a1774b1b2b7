package dropvault.launcher;

import dropvault.server.testkit.Peer;

import dropvault.crypto.AesCbcStream;
import dropvault.protocol.ClientId;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.Protocol;
import dropvault.protocol.RequestEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A client of any dialect of PROTOCOL.md §8, as the writes it makes: each element of a list is one
 * {@code write} (a split dialect writes a message in several).
 */
final class DialectPeer {
    private DialectPeer() {
    }

    /** 825 as the dialect writes it: the name padded to 255 bytes, or the name and one NUL. */
    static List<byte[]> register(Dialect d, ClientId headerId, String name) {
        byte[] text = name.getBytes(StandardCharsets.US_ASCII);
        byte[] payload = d.has(DialectFeature.UNPADDED_NAMES) ? Arrays.copyOf(text, text.length + 1)
                : NameField.of(name).toBytes();
        byte[] frame = new byte[Protocol.REQUEST_HEADER_SIZE + payload.length];
        System.arraycopy(headerId.toBytes(), 0, frame, 0, Protocol.CLIENT_ID_SIZE);
        frame[16] = Protocol.VERSION;
        java.nio.ByteBuffer.wrap(frame, 17, 6).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort((short) 825)
                .putInt(payload.length);
        System.arraycopy(payload, 0, frame, 23, payload.length);
        return split(d, frame, false);
    }

    /** The writes of every 828 of {@code plain}, encrypted with {@code aesKey}, cut as the dialect does. */
    static List<byte[]> packets(Dialect d, int chunk, ClientId id, byte[] aesKey, NameField fileName, byte[] plain)
            throws GeneralSecurityException {
        List<FilePacket> packets = d.has(DialectFeature.PER_PACKET) ? perPacket(d, chunk, aesKey, fileName, plain)
                : stream(d, chunk, aesKey, fileName, plain);
        List<byte[]> writes = new ArrayList<>();
        for (FilePacket p : packets) {
            writes.addAll(split(d, RequestEncoder.encode(id, p), true));
        }
        return writes;
    }

    private static List<FilePacket> stream(Dialect d, int chunk, byte[] aesKey, NameField fileName, byte[] plain)
            throws GeneralSecurityException {
        byte[] cipher = encrypt(aesKey, plain);
        int first = d.has(DialectFeature.FROM_ZERO) ? 0 : 1;
        int total = (cipher.length + chunk - 1) / chunk;
        List<FilePacket> packets = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            byte[] data = Arrays.copyOfRange(cipher, i * chunk, Math.min(cipher.length, (i + 1) * chunk));
            if (d.has(DialectFeature.PADDED_PAYLOADS)) {
                data = Arrays.copyOf(data, Protocol.DEFAULT_PACKET_DATA);
            }
            packets.add(new FilePacket(cipher.length, plain.length, first + i, total, fileName, data,
                    d.has(DialectFeature.SWAPPED)));
        }
        return packets;
    }

    private static List<FilePacket> perPacket(Dialect d, int chunk, byte[] aesKey, NameField fileName, byte[] plain)
            throws GeneralSecurityException {
        int first = d.has(DialectFeature.FROM_ZERO) ? 0 : 1;
        int total = Math.max(1, (plain.length + chunk - 1) / chunk);
        long wholeSize = 16L * (plain.length / 16 + 1);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            byte[] c = Arrays.copyOfRange(plain, i * chunk, Math.min(plain.length, (i + 1) * chunk));
            if (d.has(DialectFeature.ZERO_FILLED)) {
                c = Arrays.copyOf(c, chunk);
            }
            chunks.add(c);
        }
        if (d.has(DialectFeature.EXTRA_PACKET)) {
            chunks.add(new byte[chunk]);
        }
        List<FilePacket> packets = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] data = encrypt(aesKey, chunks.get(i));
            long content = d.has(DialectFeature.PACKET_CONTENT_SIZE) ? data.length : wholeSize;
            packets.add(new FilePacket(content, plain.length, first + i, total, fileName, data,
                    d.has(DialectFeature.SWAPPED)));
        }
        return packets;
    }

    static byte[] encrypt(byte[] aesKey, byte[] plain) throws GeneralSecurityException {
        AesCbcStream enc = Peer.CRYPTO.encryptor(aesKey);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(enc.update(plain, 0, plain.length));
        out.writeBytes(enc.finish());
        return out.toByteArray();
    }

    /** One write, or header and payload apart (and an 828's fixed fields, name and data apart). */
    private static List<byte[]> split(Dialect d, byte[] frame, boolean packet) {
        if (!d.has(DialectFeature.SPLIT_WRITES)) {
            return List.of(frame);
        }
        int h = Protocol.REQUEST_HEADER_SIZE;
        if (!packet) {
            return List.of(Arrays.copyOf(frame, h), Arrays.copyOfRange(frame, h, frame.length));
        }
        return List.of(Arrays.copyOf(frame, h), Arrays.copyOfRange(frame, h, h + 12),
                Arrays.copyOfRange(frame, h + 12, h + Protocol.PACKET_HEADER_SIZE),
                Arrays.copyOfRange(frame, h + Protocol.PACKET_HEADER_SIZE, frame.length));
    }
}
