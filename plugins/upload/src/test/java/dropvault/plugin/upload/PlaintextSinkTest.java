package dropvault.plugin.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.crypto.Cksum;
import java.nio.file.Files;
import dropvault.storage.files.UploadTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sink writes exactly the plaintext, with direct I/O where the file system has it and buffered where not. */
class PlaintextSinkTest {
    /** A local file as a file area's upload target. */
    static UploadTarget local(Path file) {
        return new UploadTarget() {
            @Override
            public java.util.Optional<Path> localFile() {
                return java.util.Optional.of(file);
            }

            @Override
            public java.nio.channels.WritableByteChannel channel() {
                throw new UnsupportedOperationException("a local file is written directly");
            }

            @Override
            public void discard() throws java.io.IOException {
                Files.deleteIfExists(file);
            }
        };
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"0,7", "1,1", "4095,100", "4096,4096", "4097,1000", "524288,65536", "524289,16384",
            "1500000,16400", "3000000,1048576"})
    void theFileHoldsExactlyWhatWasWrittenInAnyPieces(int size, int piece) throws Exception {
        byte[] plain = new byte[size];
        new Random(size).nextBytes(plain);
        Path file = Files.createFile(dir.resolve("f.part"));
        PlaintextSink sink = new PlaintextSink(() -> local(file), size);
        for (int off = 0; off < size; off += piece) {
            sink.write(plain, off, Math.min(piece, size - off));
        }
        sink.finish();
        assertArrayEquals(plain, Files.readAllBytes(file));
        assertEquals(Cksum.of(plain), sink.cksum());
        assertEquals(size, sink.written());
        sink.close();
    }

    @Test
    void directIoIsUsedWhereTheFileSystemHasIt() throws Exception {
        Path file = Files.createFile(dir.resolve("d.part"));
        Optional<DirectAppender> a = DirectAppender.open(file);
        String fs = Files.getFileStore(dir).type();
        // the file systems a data folder lives on here: ext4 and xfs take O_DIRECT, tmpfs refuses it
        if (fs.equals("ext4") || fs.equals("xfs")) {
            assertTrue(a.isPresent(), "no direct I/O on " + fs);
        }
        if (a.isPresent()) {
            byte[] data = new byte[10_000];
            new Random(1).nextBytes(data);
            a.get().write(data, 0, data.length);
            a.get().finish();
            assertArrayEquals(data, Files.readAllBytes(file));
        }
    }

    @Test
    void whenEveryBufferIsTakenTheSinkWritesBuffered() throws Exception {
        List<DirectAppender> taken = new ArrayList<>();
        try {
            for (int i = 0; i < DirectAppender.BUFFERS; i++) {
                DirectAppender.open(Files.createFile(dir.resolve("t" + i))).ifPresent(taken::add);
            }
            Path file = Files.createFile(dir.resolve("b.part"));
            assertTrue(taken.isEmpty() || DirectAppender.open(file).isEmpty(), "a buffer past the limit");
            byte[] plain = new byte[700_000];
            new Random(2).nextBytes(plain);
            PlaintextSink sink = new PlaintextSink(() -> local(file), plain.length);
            sink.write(plain, 0, plain.length);
            sink.finish();
            assertArrayEquals(plain, Files.readAllBytes(file));
        } finally {
            for (DirectAppender a : taken) {
                a.close();
            }
        }
        // given back: the next upload has direct I/O again where it had it before
        Path again = Files.createFile(dir.resolve("again"));
        Optional<DirectAppender> a = DirectAppender.open(again);
        assertEquals(!taken.isEmpty(), a.isPresent());
        if (a.isPresent()) {
            a.get().close();
        }
    }

    @Test
    void zerosPastTheOriginalSizeAreCutAndTheRestKept() throws Exception {
        byte[] plain = new byte[5000];
        new Random(3).nextBytes(plain);
        Path file = Files.createFile(dir.resolve("z.part"));
        PlaintextSink sink = new PlaintextSink(() -> local(file), 4000);
        sink.write(plain, 0, 4000);
        sink.write(new byte[1000], 0, 1000);
        sink.finish();
        assertEquals(1000, sink.cutZeros());
        assertArrayEquals(java.util.Arrays.copyOf(plain, 4000), Files.readAllBytes(file));
    }
}
