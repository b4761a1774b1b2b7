package dropvault.storage.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.storage.files.FileArea;
import dropvault.storage.files.UploadTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FileArea} does, as the server's keeping of files relies on it: a file area's tests
 * subclass it with a factory of fresh areas (the data folder, an object store).
 */
public abstract class FileAreaContract {
    private static final ClientId CLIENT = ClientId.fromHex("00112233445566778899aabbccddeeff");

    /** A fresh, empty file area. */
    protected abstract FileArea area() throws Exception;

    /** Writes {@code bytes} to {@code upload} as the upload plugin does: a local file directly, else the channel. */
    protected static void write(UploadTarget upload, byte[] bytes) throws IOException {
        WritableByteChannel ch = upload.localFile().isPresent()
                ? FileChannel.open(upload.localFile().get(), StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
                : upload.channel();
        try (ch) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    protected static byte[] bytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(FileArea area, String pathName) throws IOException {
        try (InputStream in = area.read(pathName)) {
            return in.readAllBytes();
        }
    }

    private static String keep(FileArea area, String name, byte[] content) throws IOException {
        UploadTarget u = area.newUpload(CLIENT);
        write(u, content);
        String target = area.target(CLIENT, NameField.utf8(name));
        area.putInPlace(u, target);
        u.discard();
        return target;
    }

    @Test
    void anUploadPutInPlaceReadsBackAsWritten() throws Exception {
        FileArea area = area();
        for (int size : new int[] {0, 1, 70_000, 6 * 1024 * 1024 + 5}) {
            byte[] content = bytes(size, size);
            String target = keep(area, "f" + size + ".bin", content);
            assertTrue(area.exists(target));
            assertArrayEquals(content, read(area, target), "size " + size);
            Instant written = area.written(target);
            assertTrue(Math.abs(Instant.now().getEpochSecond() - written.getEpochSecond()) < 600, written::toString);
        }
    }

    @Test
    void aVersionKeepsTheContentTheNameHeldAndPutBackRestoresIt() throws Exception {
        FileArea area = area();
        byte[] first = bytes(1, 5000);
        byte[] second = bytes(2, 7000);
        String target = keep(area, "doc.txt", first);
        String version = area.keepAsVersion(target, Instant.parse("2026-01-02T03:04:05Z"));
        assertNotEquals(target, version);
        assertNotEquals(version, area.keepAsVersion(target, Instant.parse("2026-01-02T03:04:05Z")),
                "two versions of one instant");
        keep(area, "doc.txt", second);
        assertArrayEquals(second, read(area, target));
        assertArrayEquals(first, read(area, version));

        area.putBack(version, target);

        assertArrayEquals(first, read(area, target));
        assertFalse(area.exists(version));
    }

    @Test
    void takeBackEmptiesTheNameAndCopyOfMakesAnUploadOfStoredContent() throws Exception {
        FileArea area = area();
        byte[] content = bytes(3, 90_000);
        UploadTarget u = area.newUpload(CLIENT);
        write(u, content);
        String target = area.target(CLIENT, NameField.utf8("back.bin"));
        area.putInPlace(u, target);

        area.takeBack(target, u);

        assertFalse(area.exists(target));
        area.putInPlace(u, target);
        assertArrayEquals(content, read(area, target));
        UploadTarget copy = area.copyOf(CLIENT, target);
        String other = area.target(CLIENT, NameField.utf8("other.bin"));
        area.putInPlace(copy, other);
        copy.discard();
        assertArrayEquals(content, read(area, other));
        assertArrayEquals(content, read(area, target));
    }

    @Test
    void aDiscardedUploadLeavesNothingAndDeleteIsIdempotent() throws Exception {
        FileArea area = area();
        UploadTarget u = area.newUpload(CLIENT);
        write(u, bytes(4, 1000));
        u.discard();
        u.discard();
        String target = keep(area, "gone.bin", bytes(5, 10));
        area.delete(target);
        area.delete(target);
        assertFalse(area.exists(target));
        assertThrows(NoSuchFileException.class, () -> area.read(target));
        assertThrows(NoSuchFileException.class, () -> area.size(target));
    }

    @Test
    void sizesAreTheBytesHeldAndDeletingAClientLeavesNothingOfItsOwn() throws Exception {
        FileArea area = area();
        ClientId other = ClientId.fromHex("ffeeddccbbaa99887766554433221100");
        String file = keep(area, "a.bin", bytes(6, 12_345));
        String version = area.keepAsVersion(file, Instant.now());
        keep(area, "b.bin", bytes(7, 0));
        UploadTarget unfinished = area.newUpload(CLIENT);
        write(unfinished, bytes(8, 100));
        UploadTarget theirs = area.newUpload(other);
        write(theirs, bytes(9, 10));
        String theirFile = area.target(other, NameField.utf8("a.bin"));
        area.putInPlace(theirs, theirFile);
        assertEquals(12_345, area.size(file));
        assertEquals(12_345, area.size(version));

        assertEquals(3, area.deleteClient(CLIENT), "a.bin, its version and b.bin");

        assertFalse(area.exists(file));
        assertFalse(area.exists(version));
        assertArrayEquals(bytes(9, 10), read(area, theirFile));
        assertEquals(0, area.deleteClient(CLIENT));
    }

    @Test
    void namesFromTheWireStayInsideTheClientsPart() throws Exception {
        FileArea area = area();
        String plain = area.target(CLIENT, NameField.utf8("x.txt"));
        for (String hostile : new String[] {"../x.txt", "a/../../x.txt", "/etc/passwd", ".hidden", "..", "a\\b.txt"}) {
            String t = area.target(CLIENT, NameField.utf8(hostile));
            assertEquals(plain.substring(0, plain.lastIndexOf('/')), t.substring(0, t.lastIndexOf('/')), hostile);
            assertFalse(t.substring(t.lastIndexOf('/') + 1).startsWith("."), hostile);
        }
        assertNotEquals(plain, area.variant(plain, 2));
        assertThrows(IOException.class, () -> area.read("files/../../etc/passwd"));
    }
}
