package dropvault.client.internal;

import dropvault.client.UploadListener;
import dropvault.crypto.AesCbcStream;
import dropvault.crypto.Cksum;
import dropvault.protocol.ClientId;
import dropvault.protocol.Dialect;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.FilePacket;
import dropvault.protocol.PacketFrame;
import dropvault.protocol.Protocol;
import dropvault.protocol.RequestEncoder;
import dropvault.transport.FrameSender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.BadPaddingException;

/**
 * Streams one file as 828 packets, as the dialect says (PROTOCOL.md §8): reads, encrypts and sends
 * packet by packet, so memory does not grow with the file. The text numbers packets from 1, encrypts
 * the file once and sends each packet as long as its data; the features change the numbering, pad
 * payloads to a full chunk, swap number and total, or encrypt each plaintext chunk on its own.
 */
final class FileSender {
    /** A fresh encryptor with the session key. */
    @FunctionalInterface
    interface Encryptors {
        AesCbcStream next() throws InvalidKeyException;
    }

    /** What the file's plaintext sums to: the cksum of the text, and zlib's CRC-32 some servers send (§8). */
    record Sums(long cksum, long crc32) {
    }

    private final LocalFile file;
    private final PacketPlan plan;
    private final Dialect dialect;
    private final UploadListener listener;
    private int transfers;
    private long ciphertextSent;

    FileSender(LocalFile file, PacketPlan plan, Dialect dialect, UploadListener listener) {
        this.file = file;
        this.plan = plan;
        this.dialect = dialect;
        this.listener = listener;
    }

    /** Sends the whole file once; returns the sums of the plaintext it read. */
    Sums send(Connection c, ClientId clientId, Encryptors encryptors) throws IOException, LocalFileException {
        listener.transferStarted(++transfers, plan.contentSize());
        FileChannel in = file.open();
        ciphertextSent = 0;
        try {
            if (dialect.has(DialectFeature.SINGLE_PACKET)) {
                return singlePacket(c, clientId, in, encryptor(encryptors));
            }
            if (dialect.has(DialectFeature.PER_PACKET)) {
                return perPacket(c, clientId, Channels.newInputStream(in), encryptors);
            }
            AesCbcStream encryptor = encryptor(encryptors);
            // a cipher that works in place on native memory gets the file there, and the socket takes it from there
            boolean direct = encryptor.inPlaceOnDirectBuffers() && !dialect.has(DialectFeature.SPLIT_WRITES);
            try (CiphertextChunks chunks = new CiphertextChunks(in, file.path().toString(), encryptor, plan, direct)) {
                return streamPackets(c, clientId, chunks, direct);
            }
        } finally {
            closeQuietly(in);
            listener.transferFinished();
        }
    }

    /** The ciphertext bytes of the last transfer. */
    long ciphertextSent() {
        return ciphertextSent;
    }

    private static AesCbcStream encryptor(Encryptors encryptors) {
        try {
            return encryptors.next();
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the session key was checked when it arrived", e);
        }
    }

    private int firstNumber() {
        return dialect.has(DialectFeature.FROM_ZERO) ? 0 : 1;
    }

    private Sums streamPackets(Connection c, ClientId clientId, CiphertextChunks chunks, boolean direct)
            throws IOException, LocalFileException {
        // frames reused: the ciphertext goes straight into one while earlier ones are sent
        try (FrameSender<PacketFrame> sender = new FrameSender<>((f, length) -> send(c, f.buffer(), length),
                () -> frame(clientId, direct), PacketFrame.DATA_OFFSET + plan.chunkSize(), "dropvault-client-sender")) {
            for (int i = 0; i < plan.packets(); i++) {
                sendPacket(i, sender, chunks);
            }
            sender.finish();
        }
        return new Sums(chunks.cksum(), chunks.crc32());
    }

    /**
     * One packet, a method of its own: the JIT compiles it after a few hundred calls, where the loop
     * around it, called once, would run interpreted until on-stack replacement after some 60,000.
     */
    private void sendPacket(int i, FrameSender<PacketFrame> sender, CiphertextChunks chunks)
            throws IOException, LocalFileException {
        PacketFrame frame = sender.nextFrame();
        int n = chunks.next(frame.buffer(), PacketFrame.DATA_OFFSET);
        if (n != plan.dataLength(i)) {
            throw new IllegalStateException("packet " + i + " has " + n + " bytes, planned " + plan.dataLength(i));
        }
        sender.send(frame, frame.packet(firstNumber() + i, n));
        ciphertextSent += n;
        listener.progress(ciphertextSent, plan.contentSize());
    }

    private PacketFrame frame(ClientId clientId, boolean direct) {
        return new PacketFrame(clientId, plan.contentSize(), plan.originalSize(), plan.packets(), file.wireName(),
                plan.chunkSize(), dialect.has(DialectFeature.PADDED_PAYLOADS) ? plan.chunkSize() : 0,
                dialect.has(DialectFeature.SWAPPED), direct);
    }

    /** The most ciphertext one 828 carries: its payload size is a u32 that counts the 267-byte packet header too. */
    static final long MAX_SINGLE_PACKET_CONTENT = 0xFFFF_FFFFL - Protocol.PACKET_HEADER_SIZE;

    /** Whether {@code dialect} can carry a file whose ciphertext is {@code contentSize} bytes. */
    static boolean fits(Dialect dialect, long contentSize) {
        return !dialect.has(DialectFeature.SINGLE_PACKET) || contentSize <= MAX_SINGLE_PACKET_CONTENT;
    }

    /**
     * The whole file as one 828 (packet 1 of 1): the header declares all of the ciphertext, which
     * then follows in pieces as it is encrypted, so memory does not grow with the file.
     */
    private Sums singlePacket(Connection c, ClientId clientId, FileChannel in, AesCbcStream encryptor)
            throws IOException, LocalFileException {
        long content = plan.contentSize();
        if (!fits(dialect, content)) {
            throw new LocalFileException(file.path() + ": " + content + " bytes of ciphertext do not fit in one packet"
                    + " (at most " + MAX_SINGLE_PACKET_CONTENT + ")", null);
        }
        int piece = FilePacket.PIECE_SIZE;
        PacketPlan pieces = PacketPlan.of(plan.originalSize(), piece);
        PacketFrame frame = new PacketFrame(clientId, content, plan.originalSize(), 1, file.wireName(), 0, 0,
                dialect.has(DialectFeature.SWAPPED));
        frame.packet(firstNumber(), 0);
        ByteBuffer header = ByteBuffer.wrap(Arrays.copyOf(frame.array(), PacketFrame.DATA_OFFSET))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        header.putInt(19, (int) (Protocol.PACKET_HEADER_SIZE + content));
        c.send(header.array());
        byte[] data = new byte[piece + CiphertextChunks.SLACK];
        try (CiphertextChunks chunks = new CiphertextChunks(in, file.path().toString(), encryptor, pieces, false)) {
            int n;
            while ((n = chunks.next(data, 0)) > 0) {
                c.send(data, n);
                ciphertextSent += n;
                listener.progress(ciphertextSent, content);
            }
            return new Sums(chunks.cksum(), chunks.crc32());
        }
    }

    /** Each plaintext chunk encrypted on its own; the packets are counted on the plaintext. */
    private Sums perPacket(Connection c, ClientId clientId, InputStream in, Encryptors encryptors)
            throws IOException, LocalFileException {
        long size = plan.originalSize();
        int chunk = perPacketChunk(size, plan.chunkSize());
        int total = (int) Math.max(1, (size + chunk - 1) / chunk);
        Cksum cksum = new Cksum();
        CRC32 crc = new CRC32();
        byte[] plain = new byte[chunk];
        long left = size;
        int packets = total + (dialect.has(DialectFeature.EXTRA_PACKET) ? 1 : 0);
        for (int i = 0; i < packets; i++) {
            int n = 0;
            if (i < total) {
                n = (int) Math.min(chunk, left);
                readFully(in, plain, n);
                cksum.update(plain, 0, n);
                crc.update(plain, 0, n);
                left -= n;
            }
            int length = dialect.has(DialectFeature.ZERO_FILLED) || i >= total ? chunk : n;
            Arrays.fill(plain, n, length, (byte) 0);
            byte[] data = encrypt(encryptor(encryptors), plain, length);
            long content = dialect.has(DialectFeature.PACKET_CONTENT_SIZE) ? data.length : plan.contentSize();
            send(c, clientId, new FilePacket(content, size, firstNumber() + i, total, file.wireName(), data,
                    dialect.has(DialectFeature.SWAPPED)));
            ciphertextSent += data.length;
            listener.progress(Math.min(ciphertextSent, plan.contentSize()), plan.contentSize());
        }
        return new Sums(cksum.value(), crc.getValue());
    }

    /** The plaintext chunk of a per-packet upload: grown so that the file needs at most 65,535 packets. */
    static int perPacketChunk(long size, int requested) {
        long chunk = requested;
        if ((size + chunk - 1) / chunk > Protocol.MAX_PACKETS - 1) {
            chunk = ((size + Protocol.MAX_PACKETS - 2) / (Protocol.MAX_PACKETS - 1) + 15) / 16 * 16;
        }
        return (int) chunk;
    }

    private static byte[] encrypt(AesCbcStream enc, byte[] plain, int length) {
        byte[] out = new byte[enc.updateOutputSize(length) + 32];
        int n = enc.update(plain, 0, length, out, 0);
        try {
            n += enc.finish(out, n);
        } catch (BadPaddingException e) {
            throw new IllegalStateException("encryption cannot fail on padding", e);
        }
        return Arrays.copyOf(out, n);
    }

    private void readFully(InputStream in, byte[] b, int n) throws LocalFileException {
        int got = 0;
        try {
            while (got < n) {
                int r = in.read(b, got, n - got);
                if (r < 0) {
                    throw new LocalFileException(file.path() + ": the file shrank while it was being sent", null);
                }
                got += r;
            }
        } catch (IOException e) {
            throw new LocalFileException("cannot read the file: " + e.getMessage(), e);
        }
    }

    private void send(Connection c, ClientId clientId, FilePacket p) throws IOException {
        byte[] frame = RequestEncoder.encode(clientId, p);
        send(c, frame, frame.length);
    }

    private void send(Connection c, ByteBuffer frame, int length) throws IOException {
        if (frame.hasArray()) {
            send(c, frame.array(), length);
        } else {
            c.send(frame, length);
        }
    }

    private void send(Connection c, byte[] frame, int length) throws IOException {
        if (dialect.has(DialectFeature.SPLIT_WRITES)) {
            int h = Protocol.REQUEST_HEADER_SIZE;
            c.send(Arrays.copyOf(frame, h));
            c.send(Arrays.copyOfRange(frame, h, h + 12));
            c.send(Arrays.copyOfRange(frame, h + 12, h + Protocol.PACKET_HEADER_SIZE));
            c.send(Arrays.copyOfRange(frame, h + Protocol.PACKET_HEADER_SIZE, length));
        } else {
            c.send(frame, length);
        }
    }

    private static void closeQuietly(FileChannel in) {
        try {
            in.close();
        } catch (IOException e) {
            // a file opened for reading loses nothing when its close fails
        }
    }
}
