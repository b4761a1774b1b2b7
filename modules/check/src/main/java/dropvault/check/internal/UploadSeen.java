package dropvault.check.internal;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.Cksum;
import dropvault.crypto.CryptoSuite;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.crypto.BadPaddingException;

/**
 * The 828s of one upload as a client sent them, and what they tell: numbering, layout, one stream
 * or one cipher a packet, field order, chunk size. {@link #finish} decrypts them in every reading of
 * §8 and keeps the one that gives back exactly the original size.
 */
final class UploadSeen {
    /** The largest packet data seen in the wild (PROTOCOL.md §8, chunk size): one packet above it is the whole file. */
    static final int LARGEST_CHUNK = 8192 + 16;

    record Packet(long contentSize, long originalSize, int at8, int at10, byte[] name, int payloadSize, byte[] data) {
    }

    private final List<Packet> packets = new ArrayList<>();
    private int first = -1;
    private int total;
    private boolean swapped;
    private final Set<DialectFeature> features = EnumSet.noneOf(DialectFeature.class);
    private byte[] plaintext;
    private String problem;

    /** Adds a packet; true when it was the last one. */
    boolean add(Packet p) {
        if (packets.isEmpty()) {
            // total-before-number: the "number" can only be larger (§8)
            swapped = p.at8() > p.at10();
            first = swapped ? p.at10() : p.at8();
            total = swapped ? p.at8() : p.at10();
        }
        packets.add(p);
        return packets.size() >= Math.max(1, total);
    }

    int count() {
        return packets.size();
    }

    Packet firstPacket() {
        return packets.getFirst();
    }

    /** Decrypts in the reading that fits; false (with {@link #problem()}) when none does. */
    boolean finish(CryptoSuite crypto, byte[] key) {
        if (first == 0) {
            features.add(DialectFeature.FROM_ZERO);
        } else if (first != 1) {
            problem = "the first packet is numbered " + first + ", not 1 (or 0)";
            return false;
        }
        if (swapped) {
            features.add(DialectFeature.SWAPPED);
        }
        if (packets.size() == 1 && packets.getFirst().data().length > LARGEST_CHUNK) {
            // more than any chunk seen in the wild: the whole file as one packet
            features.add(DialectFeature.SINGLE_PACKET);
        }
        Packet p0 = packets.getFirst();
        long original = p0.originalSize();
        long whole = 16 * (original / 16 + 1);
        for (int i = 0; i < packets.size(); i++) {
            Packet p = packets.get(i);
            int at8 = swapped ? p.at10() : p.at8();
            if (at8 != first + i) {
                problem = "packet " + (i + 1) + " is numbered " + at8 + ", expected " + (first + i);
                return false;
            }
            if (p.originalSize() != original) {
                problem = "packet " + (i + 1) + " says original size " + p.originalSize() + ", the first said " + original;
                return false;
            }
        }
        // padded: every payload of one size (1291 with 1024-byte chunks), the last one's data zero-filled
        boolean allFull = packets.stream().allMatch(p -> p.payloadSize() == p0.payloadSize());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        packets.forEach(p -> all.writeBytes(p.data()));
        byte[] cipher = all.toByteArray();
        // one CBC stream (padded: cut at the content size)
        boolean padded = allFull && cipher.length > p0.contentSize() && zerosFrom(cipher, (int) p0.contentSize());
        byte[] s = decrypt(crypto, key, padded ? Arrays.copyOf(cipher, (int) p0.contentSize()) : cipher);
        if (s != null && s.length == original && packets.stream().allMatch(p -> p.contentSize() == whole)) {
            if (cipher.length > whole) {
                features.add(DialectFeature.PADDED_PAYLOADS);
            }
            plaintext = s;
            return true;
        }
        // each packet on its own
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        boolean packetSize = false;
        for (Packet p : packets) {
            byte[] d = decrypt(crypto, key, p.data());
            if (d == null) {
                problem = "the packets decrypt neither as one CBC stream of " + original + " bytes nor each on its own";
                return false;
            }
            plain.writeBytes(d);
            if (p.contentSize() != whole) {
                packetSize = true;
                if (p.contentSize() != p.data().length) {
                    problem = "content size " + p.contentSize() + " is neither the file's ciphertext (" + whole
                            + ") nor this packet's (" + p.data().length + ")";
                    return false;
                }
            }
        }
        byte[] pp = plain.toByteArray();
        if (pp.length < original) {
            problem = "the packets decrypt to " + pp.length + " bytes, the original size is " + original;
            return false;
        }
        if (pp.length > original) {
            for (int i = (int) original; i < pp.length; i++) {
                if (pp[i] != 0) {
                    problem = "the packets decrypt to " + pp.length + " bytes, " + original + " expected";
                    return false;
                }
            }
            features.add(DialectFeature.ZERO_FILLED);
        }
        features.add(DialectFeature.PER_PACKET);
        if (packetSize) {
            features.add(DialectFeature.PACKET_CONTENT_SIZE);
        }
        plaintext = Arrays.copyOf(pp, (int) original);
        return true;
    }

    private static boolean zerosFrom(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code p}, after the last, decrypts to zeros: the extra packet of §8. */
    boolean takeExtra(CryptoSuite crypto, byte[] key, Packet p) {
        byte[] d = decrypt(crypto, key, p.data());
        if (d == null || features.contains(DialectFeature.EXTRA_PACKET)) {
            return false;
        }
        for (byte b : d) {
            if (b != 0) {
                return false;
            }
        }
        features.add(DialectFeature.EXTRA_PACKET);
        return true;
    }

    private static byte[] decrypt(CryptoSuite crypto, byte[] key, byte[] data) {
        if (data.length == 0 || data.length % 16 != 0) {
            return null;
        }
        try {
            AesCbcStream d = crypto.decryptor(key);
            byte[] a = d.update(data, 0, data.length);
            byte[] b = d.finish();
            byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        } catch (BadPaddingException e) {
            return null;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /**
     * Features this upload cannot show either way: the field order of a single packet, padding when
     * no packet was short, the content-size convention when each packet's ciphertext was the
     * file's, zero-filling when the last chunk was full, the extra packet, and the whole file as one
     * packet when it is no larger than a chunk of the wild.
     */
    Set<DialectFeature> undetermined() {
        Set<DialectFeature> u = EnumSet.of(DialectFeature.EXTRA_PACKET, DialectFeature.SPLIT_WRITES,
                DialectFeature.UNPADDED_NAMES);
        Packet p0 = packets.getFirst();
        if (packets.size() == 1 && p0.data().length <= LARGEST_CHUNK) {
            // a file this short fits in one packet of any chunk
            u.add(DialectFeature.SINGLE_PACKET);
        }
        long whole = 16 * (p0.originalSize() / 16 + 1);
        if (packets.size() == 1 && p0.at8() == p0.at10()) {
            u.add(DialectFeature.SWAPPED);
        }
        if (packets.stream().allMatch(p -> p.payloadSize() == p0.payloadSize())
                && packets.stream().mapToLong(p -> p.data().length).sum() == whole) {
            u.add(DialectFeature.PADDED_PAYLOADS);
        }
        if (packets.stream().allMatch(p -> p.data().length == whole)) {
            u.add(DialectFeature.PACKET_CONTENT_SIZE);
        }
        if (packets.size() == 1 && !features.contains(DialectFeature.ZERO_FILLED)
                && !features.contains(DialectFeature.PADDED_PAYLOADS)) {
            // one packet of the whole ciphertext: one stream and one cipher a packet are the same bytes
            u.add(DialectFeature.PER_PACKET);
        }
        // zero-filling shows only where the last chunk was short; with one packet the chunk is unknown
        long chunk = p0.data().length - 16;
        if (packets.size() == 1 || chunk <= 0 || p0.originalSize() > 0 && p0.originalSize() % chunk == 0) {
            u.add(DialectFeature.ZERO_FILLED);
        }
        return u;
    }

    String problem() {
        return problem;
    }

    byte[] plaintext() {
        return plaintext;
    }

    long cksum() {
        return Cksum.of(plaintext);
    }

    Set<DialectFeature> features() {
        return features;
    }

    Dialect dialect() {
        return Dialect.of(features);
    }

    /** Ciphertext bytes of a full packet: the first's, when there is more than one. */
    int chunk() {
        Packet p = packets.getFirst();
        return features.contains(DialectFeature.PADDED_PAYLOADS) ? p.payloadSize() - Protocol.PACKET_HEADER_SIZE
                : p.data().length;
    }

    /** What 1603 echoes as content size: the declared whole, or what arrived when each packet said its own. */
    long receivedContentSize() {
        if (features.contains(DialectFeature.PACKET_CONTENT_SIZE)) {
            return packets.stream().mapToLong(p -> p.data().length).sum();
        }
        return packets.getFirst().contentSize();
    }

    byte[] fileName() {
        return packets.getFirst().name();
    }
}
