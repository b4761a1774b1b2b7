package dropvault.plugin.upload;

import dropvault.crypto.AesCbcStream;
import dropvault.protocol.DialectFeature;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.server.spi.PendingUpload;
import dropvault.storage.files.UploadTarget;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Uploads;
import dropvault.server.spi.SourcePenalizedException;
import java.io.IOException;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One file arriving in 828 packets: each packet is decrypted, checksummed and appended to a
 * temporary file as it comes, so memory does not grow with the file; the file goes to disk as it
 * grows ({@link WriteBehind}).
 *
 * <p>Accepts every dialect of PROTOCOL.md §8, deciding per upload from what arrives: numbering from
 * 0 or 1 (the first packet decides), number and total in either order, any chunk sizes, packets
 * padded past the content size with zeros, and packets that each decrypt alone. The two ways to
 * decrypt ({@link StreamReading}, {@link PerPacketReading}) both read the packets until the packets
 * contradict one of them; most uploads rule one out at the first packet. When both still fit after
 * the last packet (a one-packet file, where both give the same bytes), the text's reading wins.
 */
final class StreamingUpload implements PendingUpload {
    /** Makes the temporary files and decryptors of the upload. */
    interface Resources extends Reading.Decryptors {
        UploadTarget newTarget() throws IOException;
    }

    private final long originalSize;
    private final int totalPackets;
    private final NameField fileName;
    private final int firstNumber;
    private final long firstContentSize;
    private final List<Reading> readings = new ArrayList<>();
    private final List<UploadTarget> targets = new ArrayList<>();
    private final Set<DialectFeature> features = EnumSet.noneOf(DialectFeature.class);
    private Reading chosen;
    private boolean constantContentSize = true;
    private int packets;
    private boolean complete;
    private boolean extraPacketSeen;
    private String streamFailure;
    private String perPacketFailure;
    private DiskCheck diskCheck;
    private Runnable badPadding;
    private Gate gate;
    private long received;
    private long checkedDiskAt;

    /** The free space is checked at the first packet, the last, and whenever this much arrived since the last check. */
    static final long DISK_CHECK_STEP = 1 << 20;

    /** Runs the reading of the last packet as {@link dropvault.server.spi.Session#judged} does. */
    interface Gate {
        void judged(Uploads.Judged step) throws Exception;
    }

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
        this.originalSize = first.originalSize();
        this.totalPackets = first.totalPackets();
        this.fileName = first.fileName();
        this.firstNumber = first.packetNumber();
        this.firstContentSize = first.contentSize();
        if (firstNumber == 0) {
            features.add(DialectFeature.FROM_ZERO);
        }
    }

    /**
     * Prepares both readings; nothing is written before a reading has a byte to write.
     *
     * @param diskCheck    run before a packet is written (the first, the last, and every {@link #DISK_CHECK_STEP}
     *                     bytes): refuses it when the disk reserve is reached
     * @param onBadPadding run when the whole file arrived and no reading decrypts it to valid padding
     * @param gate         runs the reading of the last packet, where bad padding shows
     */
    void open(Resources resources, DiskCheck diskCheck, Runnable onBadPadding, Gate gate) {
        this.diskCheck = diskCheck;
        this.gate = gate;
        this.badPadding = onBadPadding;
        readings.add(new StreamReading(new PlaintextSink(() -> temporary(resources), originalSize), resources,
                firstContentSize));
        readings.add(new PerPacketReading(new PlaintextSink(() -> temporary(resources), originalSize), resources,
                originalSize));
    }

    private UploadTarget temporary(Resources resources) throws IOException {
        UploadTarget t = resources.newTarget();
        targets.add(t);
        return t;
    }

    /**
     * Whether {@code p} starts this file again once it is complete: its name and the first packet's number.
     * A client that never sends 900 sends the packets again this way, without a 901, after a 1603 whose
     * cksum it did not take.
     */
    boolean startsAgain(FilePacket p) {
        return complete && p.packetNumber() == firstNumber && p.fileName().text().equals(fileName.text());
    }

    /**
     * Takes the next packet; after the last one the file is complete and on disk.
     *
     * @throws RequestRefusedException when the packet does not continue this file
     * @throws SourcePenalizedException  when the last packet comes from a penalized source: it is not read
     */
    void accept(FilePacket p) throws Exception {
        if (complete) {
            throw new RequestRefusedException("828 after the last packet of " + fileName);
        }
        if (p.originalSize() != originalSize || p.totalPackets() != totalPackets || !p.fileName().equals(fileName)) {
            throw new RequestRefusedException("packet " + p.packetNumber()
                    + " changes the original size, total or file name of the upload");
        }
        int expected = firstNumber + packets;
        if (p.packetNumber() != expected) {
            throw new RequestRefusedException("packet " + p.packetNumber() + " where " + expected + " was due");
        }
        if (p.swapped()) {
            features.add(DialectFeature.SWAPPED);
        }
        constantContentSize &= p.contentSize() == firstContentSize;
        boolean last = p.packetNumber() == firstNumber + totalPackets - 1;
        if (p.streamed()) {
            acceptStreamed(p, last);
            return;
        }
        if (packets == 0 || last || received - checkedDiskAt >= DISK_CHECK_STEP) {
            checkedDiskAt = received;
            diskCheck.check();
        }
        received += p.dataLength();
        if (last) {
            // where the padding shows: one attempt at a time per source, none while it is penalized
            gate.judged(() -> read(p, true));
            finish();
        } else {
            read(p, false);
        }
    }

    /**
     * A packet too large to hold (a whole file in one 828, PROTOCOL.md §8), read piece by piece as it arrives:
     * as one stream only (no client encrypts such a packet in parts), the last piece of the last packet where
     * the padding shows.
     */
    private void acceptStreamed(FilePacket p, boolean last) throws Exception {
        for (Reading r : readings) {
            if (r instanceof PerPacketReading) {
                r.fail("packet " + p.packetNumber() + " of " + p.streamedSize() + " data bytes is read as one stream");
            }
        }
        dropFailed();
        byte[] buffer = new byte[(int) Math.min(FilePacket.PIECE_SIZE, p.streamedSize())];
        long left = p.streamedSize();
        while (left > 0) {
            int n = 0;
            int want = (int) Math.min(buffer.length, left);
            while (n < want) {
                n += p.readData(buffer, n, want - n);
            }
            left -= n;
            if (received == 0 || left == 0 || received - checkedDiskAt >= DISK_CHECK_STEP) {
                checkedDiskAt = received;
                diskCheck.check();
            }
            received += n;
            FilePacket piece = p.piece(buffer, n);
            if (last && left == 0) {
                gate.judged(() -> readPiece(piece, true));
                packets++;
                finish();
                return;
            }
            readPiece(piece, false);
        }
        packets++;
    }

    private void read(FilePacket p, boolean last) throws RequestRefusedException, IOException, InvalidKeyException {
        readPiece(p, last);
        packets++;
    }

    /** Hands data to every reading that still fits; refuses the upload when none does. */
    private void readPiece(FilePacket p, boolean last) throws RequestRefusedException, IOException,
            InvalidKeyException {
        for (Reading r : readings) {
            if (r.fits()) {
                r.accept(p, last);
            }
        }
        dropFailed();
        if (readings.isEmpty()) {
            if (last) {
                // every packet fitted a reading until the whole file was there: its padding is what failed
                badPadding.run();
            }
            throw new RequestRefusedException(streamFailure + " (read as one stream; packet by packet: "
                    + perPacketFailure + ")");
        }
    }

    /** Drops the readings that no longer fit (their buffers with them), deleting what they wrote. */
    private void dropFailed() throws IOException {
        for (Reading r : List.copyOf(readings)) {
            if (r.fits()) {
                continue;
            }
            if (r instanceof StreamReading) {
                streamFailure = r.failure();
            } else {
                perPacketFailure = r.failure();
            }
            readings.remove(r);
            r.sink.close();
            discard(r.sink.target());
        }
    }

    private void finish() throws IOException {
        chosen = readings.getFirst();
        for (Reading r : List.copyOf(readings)) {
            if (r != chosen) {
                readings.remove(r);
                r.sink.close();
                discard(r.sink.target());
            }
        }
        chosen.sink.finish();
        features.addAll(chosen.features);
        if (chosen.sink.cutZeros() > 0) {
            // only a chunk encrypted alone is zero-filled (a one-packet file reads the same both ways)
            features.add(DialectFeature.ZERO_FILLED);
            features.add(DialectFeature.PER_PACKET);
        }
        complete = true;
    }

    /**
     * True when {@code p}, arriving after the last packet, is the one more all-zero packet of a client
     * that encrypts each packet alone (PROTOCOL.md §8): it is taken once, adds nothing to the file and
     * is not answered.
     */
    boolean takesExtraPacket(FilePacket p) throws InvalidKeyException {
        if (!complete) {
            return false;
        }
        // a one-packet file reads the same both ways, so this is not for per-packet readings only
        if (extraPacketSeen || p.streamed() || !p.fileName().equals(fileName)
                || p.originalSize() != originalSize || p.totalPackets() > totalPackets + 1
                || p.dataLength() % 16 != 0 || !decryptsToZeros(p, chosen.decryptors.next())) {
            return false;
        }
        extraPacketSeen = true;
        features.add(DialectFeature.EXTRA_PACKET);
        return true;
    }

    private static boolean decryptsToZeros(FilePacket p, AesCbcStream decryptor) {
        byte[] plain = new byte[p.dataLength() + 32];
        int n = p.withData(0, p.dataLength(), (data, offset, len) -> decryptor.update(data, offset, len, plain, 0));
        try {
            n += decryptor.finish(plain, n);
        } catch (javax.crypto.BadPaddingException e) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (plain[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public NameField fileName() {
        return fileName;
    }

    @Override
    public boolean complete() {
        return complete;
    }

    /** The content size the packets declared when they all declared the same, else the ciphertext received. */
    @Override
    public long contentSize() {
        if (chosen == null) {
            return 0;
        }
        return constantContentSize ? firstContentSize : chosen.ciphertextBytes();
    }

    @Override
    public long plaintextSize() {
        if (chosen != null) {
            return chosen.sink.written();
        }
        return readings.stream().mapToLong(r -> r.sink.written()).max().orElse(0);
    }

    @Override
    public long cksum() {
        return chosen == null ? 0 : chosen.sink.cksum();
    }

    @Override
    public UploadTarget target() {
        return chosen == null ? null : chosen.sink.target();
    }

    /** Forgets a reading's target (none when it wrote nothing). */
    private void discard(UploadTarget t) throws IOException {
        if (t != null) {
            t.discard();
            targets.remove(t);
        }
    }

    @Override
    public Set<DialectFeature> dialect() {
        return Set.copyOf(features);
    }

    @Override
    public void discard() throws IOException {
        IOException failure = null;
        for (Reading r : readings) {
            try {
                r.sink.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        for (UploadTarget t : List.copyOf(targets)) {
            discard(t);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
