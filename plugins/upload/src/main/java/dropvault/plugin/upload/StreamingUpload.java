package dropvault.plugin.upload;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.Cksum;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.server.spi.PendingUpload;
import dropvault.server.spi.RequestRefusedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.crypto.BadPaddingException;

/**
 * One file arriving in 828 packets: each packet's ciphertext is decrypted, checksummed and appended
 * to a temporary file as it comes, so memory does not grow with the file; the file goes to disk as
 * it grows ({@link WriteBehind}).
 *
 * <p>Accepts every dialect of PROTOCOL.md §8: numbering from 0 or 1 (the first packet decides),
 * any chunk sizes, and packets padded past the content size with zeros in the last packet.
 */
final class StreamingUpload implements PendingUpload {
    private final long contentSize;
    private final long originalSize;
    private final int totalPackets;
    private final NameField fileName;
    private final int firstNumber;
    private final Cksum cksum = new Cksum();
    private Path file;
    private FileChannel channel;
    private WriteBehind writeBehind;
    private AesCbcStream decryptor;
    private byte[] plain = new byte[0];
    private long received;
    private long written;
    private int packets;
    private boolean complete;
    private DiskCheck diskCheck;
    private long checkedDiskAt;
    private Runnable badPadding;

    /** The free space is checked at the first packet, the last, and whenever this much arrived since the last check. */
    static final long DISK_CHECK_STEP = 1 << 20;

    /** Checks the disk before a packet is written. */
    interface DiskCheck {
        void check() throws RequestRefusedException;
    }

    /** Takes the file's description from its first packet. */
    StreamingUpload(FilePacket first) throws RequestRefusedException {
        if (first.packetNumber() > 1) {
            throw new RequestRefusedException("the first packet is numbered " + first.packetNumber()
                    + "; numbering starts at 0 or 1");
        }
        this.contentSize = first.contentSize();
        this.originalSize = first.originalSize();
        this.totalPackets = first.totalPackets();
        this.fileName = first.fileName();
        this.firstNumber = first.packetNumber();
    }

    /**
     * Opens the temporary file and the cipher; until then nothing is written.
     *
     * @param diskCheck run before a packet is written (the first, the last, and every {@link #DISK_CHECK_STEP}
     *                  bytes): refuses it when the disk reserve is reached
     * @param onBadPadding run when the file does not decrypt to valid padding
     */
    void open(Path temporary, AesCbcStream aesDecryptor, DiskCheck diskCheck, Runnable onBadPadding)
            throws IOException {
        this.diskCheck = diskCheck;
        this.badPadding = onBadPadding;
        this.file = temporary;
        this.decryptor = aesDecryptor;
        this.channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.writeBehind = new WriteBehind(channel);
    }

    /**
     * Takes the next packet; after the last one the file is complete and on disk.
     *
     * @throws RequestRefusedException when the packet does not continue this file
     */
    void accept(FilePacket p) throws RequestRefusedException, IOException {
        if (complete) {
            throw new RequestRefusedException("828 after the last packet of " + fileName);
        }
        checkSameFile(p);
        int expected = firstNumber + packets;
        int last = firstNumber + totalPackets - 1;
        if (p.packetNumber() != expected) {
            throw new RequestRefusedException("packet " + p.packetNumber() + " where " + expected + " was due");
        }
        int length = p.dataLength();
        long remaining = contentSize - received;
        int take = (int) Math.min(length, remaining);
        if (take < length && (p.packetNumber() != last || !zeros(p.dataView(), take))) {
            throw new RequestRefusedException("packet " + p.packetNumber() + " carries " + (length - take)
                    + " bytes beyond the content size of " + contentSize);
        }
        if (take == 0) {
            throw new RequestRefusedException("packet " + p.packetNumber() + " comes after all " + contentSize
                    + " bytes of content");
        }
        if (packets == 0 || p.packetNumber() == last || received - checkedDiskAt >= DISK_CHECK_STEP) {
            checkedDiskAt = received;
            diskCheck.check();
        }
        append(decrypt(p, take));
        received += take;
        packets++;
        if (p.packetNumber() == last) {
            finish();
        } else if (received == contentSize) {
            throw new RequestRefusedException("all " + contentSize + " bytes arrived by packet " + p.packetNumber()
                    + " of " + last);
        }
    }

    private void checkSameFile(FilePacket p) throws RequestRefusedException {
        if (p.contentSize() != contentSize || p.originalSize() != originalSize || p.totalPackets() != totalPackets
                || !p.fileName().equals(fileName)) {
            throw new RequestRefusedException("packet " + p.packetNumber()
                    + " changes the content size, original size, total or file name of the upload");
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

    private int decrypt(FilePacket p, int len) {
        int room = decryptor.updateOutputSize(len);
        if (plain.length < room) {
            plain = new byte[room];
        }
        return p.withData(0, len, (data, offset, length) -> decryptor.update(data, offset, length, plain, 0));
    }

    private void append(int len) throws IOException {
        cksum.update(plain, 0, len);
        ByteBuffer buf = ByteBuffer.wrap(plain, 0, len);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        written += len;
        writeBehind.written(written);
    }

    private void finish() throws RequestRefusedException, IOException {
        if (received != contentSize) {
            throw new RequestRefusedException("the last packet came after " + received + " of " + contentSize
                    + " bytes");
        }
        if (plain.length < 32) {
            plain = new byte[32];
        }
        int len;
        try {
            len = decryptor.finish(plain, 0);
        } catch (BadPaddingException e) {
            badPadding.run();
            throw new RequestRefusedException("the file does not decrypt to valid padding: " + e.getMessage(), e);
        }
        append(len);
        writeBehind.await();
        channel.force(true);
        channel.close();
        complete = true;
    }

    @Override
    public NameField fileName() {
        return fileName;
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public long contentSize() {
        return received;
    }

    @Override
    public long plaintextSize() {
        return written;
    }

    @Override
    public long cksum() {
        return cksum.value();
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public void discard() throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
