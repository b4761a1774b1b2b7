package dropvault.plugin.upload;

import dropvault.crypto.Cksum;
import java.io.IOException;
import java.nio.ByteBuffer;
import dropvault.storage.files.UploadTarget;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where one reading of an upload writes its plaintext: an {@link UploadTarget} of the file area, opened at
 * the first byte and checksummed as it grows; a local file is written directly (with direct I/O where
 * it can), any other target through its channel. It cuts the file at the declared original size, but only over zero
 * bytes (a last chunk zero-filled before encryption, PROTOCOL.md §8): when a byte past the original
 * size is not zero, the size was wrong and everything is kept.
 */
final class PlaintextSink {
    /** Opens the upload's target when the first byte arrives. */
    @FunctionalInterface
    interface TargetOpener {
        UploadTarget open() throws IOException;
    }

    private final TargetOpener opener;
    private final long originalSize;
    private final Cksum cksum = new Cksum();
    private UploadTarget target;
    private WritableByteChannel channel;
    private DirectAppender direct;
    private WriteBehind writeBehind;
    private long written;
    private long heldZeros;
    private boolean overflowed;

    PlaintextSink(TargetOpener opener, long originalSize) {
        this.opener = opener;
        this.originalSize = originalSize;
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (!overflowed && written < originalSize) {
            int n = (int) Math.min(len, originalSize - written);
            append(b, off, n);
            off += n;
            len -= n;
        }
        if (len == 0) {
            return;
        }
        if (!overflowed && zeros(b, off, len)) {
            heldZeros += len;
            return;
        }
        overflowed = true;
        byte[] zero = new byte[(int) Math.min(heldZeros, 64 * 1024)];
        for (; heldZeros > 0; heldZeros -= Math.min(heldZeros, zero.length)) {
            append(zero, 0, (int) Math.min(heldZeros, zero.length));
        }
        append(b, off, len);
    }

    private static boolean zeros(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private void append(byte[] b, int off, int len) throws IOException {
        if (target == null) {
            target = opener.open();
            Optional<Path> file = target.localFile();
            direct = file.isEmpty() || originalSize < DirectAppender.MIN_FILE_BYTES ? null
                    : DirectAppender.open(file.get()).orElse(null);
            if (direct == null && file.isPresent()) {
                FileChannel local = FileChannel.open(file.get(), StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                channel = local;
                writeBehind = new WriteBehind(local);
            } else if (direct == null) {
                channel = target.channel();
            }
        }
        if (len == 0) {
            return;
        }
        cksum.update(b, off, len);
        written += len;
        if (direct != null) {
            direct.write(b, off, len);
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        if (writeBehind != null) {
            writeBehind.written(written);
        }
    }

    /** Forces a local file to disk and closes it (any other target: closes its channel); an empty one is made here. */
    void finish() throws IOException {
        append(new byte[0], 0, 0);
        if (direct != null) {
            direct.finish();
            return;
        }
        if (writeBehind != null) {
            writeBehind.await();
            ((FileChannel) channel).force(true);
        }
        channel.close();
    }

    /** Plaintext bytes in the file. */
    long written() {
        return written;
    }

    /** Plaintext bytes received, including the zeros cut past the original size. */
    long received() {
        return written + heldZeros;
    }

    /** Zero bytes past the original size that were cut. */
    long cutZeros() {
        return heldZeros;
    }

    /** True when a byte past the original size was not zero, so nothing was cut. */
    boolean overflowed() {
        return overflowed;
    }

    long cksum() {
        return cksum.value();
    }

    /** The target, or null when no byte was written yet. */
    UploadTarget target() {
        return target;
    }

    /**
     * Lets go of the target before the caller discards it: a local file is closed; another target's
     * channel is left to the discard, since closing it would finish (in a bucket: store) what is thrown away.
     */
    void close() throws IOException {
        if (direct != null) {
            direct.close();
        }
        if (channel != null && target.localFile().isPresent()) {
            channel.close();
        }
    }
}
