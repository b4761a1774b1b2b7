package dropvault.server.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.FilePacket;
import dropvault.protocol.FileReceived;
import dropvault.protocol.KeyIssued;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Registered;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** What a client does, step by step: register, send its key, cut and send a file in any dialect. */
public final class Peer {
    public static final CryptoSuite CRYPTO = CryptoSuites.jdk();
    /** One key pair for every test client: generating one per client only costs time. */
    public static final KeyPair KEYS = CRYPTO.generateKeyPair();

    /** A registered client with the AES key its connection was given. */
    public record Identity(ClientId id, String name, byte[] aesKey) {
    }

    /** How a peer cuts and numbers its packets (PROTOCOL.md §8). */
    public record Dialect(String label, int[] chunkSizes, boolean zeroBased, boolean padded, boolean swapped) {
        public static Dialect chunks(String label, int size) {
            return new Dialect(label, new int[] {size}, false, false, false);
        }

        public static final Dialect STANDARD = chunks("1024 from 1", 1024);

        public Dialect fromZero() {
            return new Dialect(label + ", from 0", chunkSizes, true, padded, swapped);
        }

        public Dialect withPadding() {
            return new Dialect(label + ", padded", chunkSizes, zeroBased, true, swapped);
        }

        public Dialect totalFirst() {
            return new Dialect(label + ", total first", chunkSizes, zeroBased, padded, true);
        }

        /** The chunk sizes cycle: {3 x 16, 1024, 80} gives 48, 1024, 80, 48, ... */
        public int chunk(int index) {
            return chunkSizes[index % chunkSizes.length];
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private Peer() {
    }

    public static byte[] randomBytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static Identity register(TestClient c, String name) throws IOException, GeneralSecurityException {
        c.send(ClientId.ZERO, new RegisterRequest(NameField.of(name)));
        ClientId id = c.expect(Registered.class).clientId();
        return new Identity(id, name, sendKey(c, id, name));
    }

    /** 826 → 1602; returns the AES key, unwrapped with the private key. */
    public static byte[] sendKey(TestClient c, ClientId id, String name) throws IOException, GeneralSecurityException {
        c.send(id, new PublicKeyRequest(NameField.of(name), CRYPTO.encodePublicKey(KEYS.getPublic())));
        KeyIssued issued = c.expect(KeyIssued.class);
        assertEquals(id, issued.clientId());
        return unwrap(issued.wrappedKey());
    }

    public static byte[] unwrap(byte[] wrapped) throws GeneralSecurityException {
        byte[] key = CRYPTO.unwrapKey(KEYS.getPrivate(), wrapped);
        assertEquals(32, key.length);
        return key;
    }

    public static byte[] encrypt(byte[] aesKey, byte[] plain) throws GeneralSecurityException {
        AesCbcStream enc = CRYPTO.encryptor(aesKey);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(enc.update(plain, 0, plain.length));
        out.writeBytes(enc.finish());
        return out.toByteArray();
    }

    /** The packets of {@code plain}, encrypted with the identity's key, cut as the dialect says. */
    public static List<FilePacket> packets(Identity who, NameField fileName, byte[] plain, Dialect d)
            throws GeneralSecurityException {
        byte[] cipher = encrypt(who.aesKey(), plain);
        List<byte[]> chunks = new ArrayList<>();
        for (int off = 0, i = 0; off < cipher.length; i++) {
            int n = Math.min(d.chunk(i), cipher.length - off);
            chunks.add(Arrays.copyOfRange(cipher, off, off + n));
            off += n;
        }
        int first = d.zeroBased() ? 0 : 1;
        List<FilePacket> packets = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            byte[] data = d.padded() ? Arrays.copyOf(chunks.get(i), 1024) : chunks.get(i);
            packets.add(new FilePacket(cipher.length, plain.length, first + i, chunks.size(), fileName, data,
                    d.swapped()));
        }
        return packets;
    }

    /** Sends every packet and returns 1603, checked against what was sent. */
    public static FileReceived upload(TestClient c, Identity who, String fileName, byte[] plain, Dialect d)
            throws IOException, GeneralSecurityException {
        NameField name = NameField.utf8(fileName);
        List<FilePacket> packets = packets(who, name, plain, d);
        for (FilePacket p : packets) {
            c.send(who.id(), p);
        }
        FileReceived received = c.expect(FileReceived.class);
        assertEquals(who.id(), received.clientId());
        assertEquals(packets.getFirst().contentSize(), received.contentSize());
        assertArrayEquals(name.toBytes(), received.fileName().toBytes());
        assertEquals(dropvault.crypto.Cksum.of(plain), received.cksum());
        return received;
    }

    /** 900 for {@code fileName}, answered 1604. */
    public static void confirm(TestClient c, Identity who, String fileName) throws IOException {
        c.send(who.id(), new dropvault.protocol.CrcReport(dropvault.protocol.CrcReport.Verdict.MATCHED,
                NameField.utf8(fileName)));
        assertEquals(who.id(), c.expect(dropvault.protocol.Thanks.class).clientId());
    }

    /** Uploads {@code plain} in the standard dialect and confirms it. */
    public static void store(TestClient c, Identity who, String fileName, byte[] plain)
            throws IOException, GeneralSecurityException {
        upload(c, who, fileName, plain, Dialect.STANDARD);
        confirm(c, who, fileName);
    }

    /** The plaintext of a streamed upload: {@code size} bytes, 64 KiB blocks of a seeded generator. */
    public static final class StreamedFile {
        static final int BLOCK = 64 * 1024;
        public final long size;
        final long seed;

        public StreamedFile(long size, long seed) {
            this.size = size;
            this.seed = seed;
        }

        /** Takes the blocks of a file in order. */
        @FunctionalInterface
        public interface BlockSink {
            void accept(byte[] block) throws IOException;
        }

        /** Calls {@code sink} with every block in order. */
        public void forEachBlock(BlockSink sink) throws IOException {
            Random random = new Random(seed);
            for (long left = size; left > 0; left -= BLOCK) {
                byte[] b = new byte[(int) Math.min(BLOCK, left)];
                random.nextBytes(b);
                sink.accept(b);
            }
        }
    }

    /**
     * Sends a file too big to hold twice in memory: encrypted and cut into {@link #STREAM_PACKET}-byte
     * packets as it is generated. Returns the plaintext cksum, checked against the server's 1603.
     */
    public static long uploadStreamed(TestClient c, Identity who, String fileName, StreamedFile file) throws Exception {
        NameField name = NameField.utf8(fileName);
        long contentSize = 16 * (file.size / 16 + 1);
        int total = (int) ((contentSize + STREAM_PACKET - 1) / STREAM_PACKET);
        AesCbcStream enc = CRYPTO.encryptor(who.aesKey());
        dropvault.crypto.Cksum cksum = new dropvault.crypto.Cksum();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int[] number = {1};
        file.forEachBlock(block -> {
            cksum.update(block);
            pending.writeBytes(enc.update(block, 0, block.length));
            sendWhole(c, who, name, contentSize, file.size, total, pending, number, false);
        });
        pending.writeBytes(enc.finish());
        sendWhole(c, who, name, contentSize, file.size, total, pending, number, true);
        FileReceived received = c.expect(FileReceived.class);
        assertEquals(contentSize, received.contentSize());
        assertEquals(cksum.value(), received.cksum());
        return cksum.value();
    }

    public static final int STREAM_PACKET = 8192;

    /**
     * Sends a file as one 828 of any size (PROTOCOL.md §8, "one packet, any size"), its data encrypted as
     * they are generated and written as they come. Returns the plaintext cksum, checked against the 1603.
     */
    public static long uploadAsOnePacket(TestClient c, Identity who, String fileName, StreamedFile file) throws Exception {
        long contentSize = 16 * (file.size / 16 + 1);
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(23 + 267).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        head.put(who.id().toBytes()).put((byte) 3).putShort((short) 828).putInt((int) (267 + contentSize));
        head.putInt((int) contentSize).putInt((int) file.size).putShort((short) 1).putShort((short) 1);
        head.put(NameField.utf8(fileName).toBytes());
        c.sendRaw(head.array());
        AesCbcStream enc = CRYPTO.encryptor(who.aesKey());
        dropvault.crypto.Cksum cksum = new dropvault.crypto.Cksum();
        file.forEachBlock(block -> {
            cksum.update(block);
            c.sendRaw(enc.update(block, 0, block.length));
        });
        c.sendRaw(enc.finish());
        FileReceived received = c.expect(FileReceived.class);
        assertEquals(contentSize, received.contentSize());
        assertEquals(cksum.value(), received.cksum());
        return cksum.value();
    }

    /** Sends the full packets of {@code pending} (and, when {@code flush}, the rest). */
    private static void sendWhole(TestClient c, Identity who, NameField name, long contentSize, long originalSize,
                                  int total, ByteArrayOutputStream pending, int[] number, boolean flush)
            throws IOException {
        byte[] bytes = pending.toByteArray();
        int off = 0;
        while (bytes.length - off >= STREAM_PACKET || (flush && off < bytes.length)) {
            int n = Math.min(STREAM_PACKET, bytes.length - off);
            c.send(who.id(), new FilePacket(contentSize, originalSize, number[0]++, total, name,
                    Arrays.copyOfRange(bytes, off, off + n)));
            off += n;
        }
        pending.reset();
        pending.write(bytes, off, bytes.length - off);
    }
}
