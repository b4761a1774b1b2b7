package dropvault.storage.mapdb.internal;

import dropvault.protocol.ClientId;
import dropvault.protocol.Protocol;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.FileVersion;
import dropvault.storage.StoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bytes MapDB keeps for clients and files. Every value starts with a format byte so that a later
 * schema can tell old values from new ones; nothing relies on Java serialization.
 *
 * <pre>
 * client value: 2, name (u32 length, UTF-8), last seen (i64 epoch second, i32 nano),
 *               public key (i32 length or -1 when absent, bytes)
 * client value of format 3 (a key-bound client; others keep format 2, which earlier builds read):
 *               3, the fields of format 2, then flags (1 byte: 1 = key-bound)
 * client value of format 1 (earlier builds; still read, its AES key dropped): 1, the same fields,
 *               then the AES key issued last (i32 length or -1, bytes)
 * awaiting key: client id (16 bytes) -> registered at (i64 epoch second, i32 nano): a client with
 *               no public key yet
 * file key:     client id (16 bytes), file name (UTF-8)
 * file value:   2, path name (u32 length, UTF-8), verified (1 byte: 0 or 1), size (i64, -1 unknown),
 *               cksum (i64, -1 unknown), last version number (i64, 0 before the first), versions
 *               (i32 count, each: number i64, path name, size i64, cksum i64, kept at i64 epoch second
 *               and i32 nano), oldest first
 * file value of format 1 (stores before versions; still read): 1, path name, verified
 * </pre>
 */
final class RecordFormat {
    private static final byte CLIENT_FORMAT = 2;
    private static final byte CLIENT_FORMAT_WITH_FLAGS = 3;
    private static final byte KEY_BOUND = 1;
    private static final byte CLIENT_FORMAT_WITH_AES_KEY = 1;
    private static final int LAST_SEEN_SIZE = 12;
    private static final byte FILE_FORMAT = 2;
    private static final byte FILE_FORMAT_WITHOUT_VERSIONS = 1;
    private static final int ABSENT = -1;

    private RecordFormat() {
    }

    static byte[] clientValue(ClientRecord client) {
        return write(out -> {
            out.writeByte(client.keyBound() ? CLIENT_FORMAT_WITH_FLAGS : CLIENT_FORMAT);
            writeString(out, client.name());
            out.writeLong(client.lastSeen().getEpochSecond());
            out.writeInt(client.lastSeen().getNano());
            writeOptionalBytes(out, client.publicKey());
            if (client.keyBound()) {
                out.writeByte(KEY_BOUND);
            }
        });
    }

    static ClientRecord client(byte[] id, byte[] value) throws StoreException {
        return read(withoutAesKey(value), "client " + ClientId.of(id).hex(), in -> {
            byte format = in.readByte();
            if (format != CLIENT_FORMAT && format != CLIENT_FORMAT_WITH_FLAGS) {
                throw new IOException("unknown record format " + format + " (this build reads " + CLIENT_FORMAT
                        + " and " + CLIENT_FORMAT_WITH_FLAGS + ")");
            }
            String name = readString(in);
            Instant lastSeen = Instant.ofEpochSecond(in.readLong(), in.readInt());
            Optional<byte[]> publicKey = readOptionalBytes(in);
            byte flags = format == CLIENT_FORMAT_WITH_FLAGS ? in.readByte() : 0;
            if ((flags & ~KEY_BOUND) != 0) {
                throw new IOException("unknown client flags " + flags);
            }
            return new ClientRecord(ClientId.of(id), name, publicKey, lastSeen, (flags & KEY_BOUND) != 0);
        });
    }

    /**
     * The client value without the AES key an earlier build kept in it (format 1 becomes 2); any
     * other value, a malformed one included, as it is.
     */
    static byte[] withoutAesKey(byte[] value) {
        if (value.length == 0 || value[0] != CLIENT_FORMAT_WITH_AES_KEY) {
            return value;
        }
        int aesKeyAt = publicKeyAt(value);
        if (aesKeyAt < 0 || aesKeyAt + 4 > value.length) {
            return value;
        }
        int publicKeyLength = ByteBuffer.wrap(value).getInt(aesKeyAt);
        aesKeyAt += 4 + Math.max(publicKeyLength, 0);
        if (publicKeyLength < ABSENT || aesKeyAt > value.length) {
            return value;
        }
        byte[] kept = Arrays.copyOf(value, aesKeyAt);
        kept[0] = CLIENT_FORMAT;
        return kept;
    }

    /** Whether a client value (of either format) holds a public key; read without decoding the rest. */
    static boolean hasPublicKey(byte[] value) {
        int at = publicKeyAt(value);
        return at >= 0 && at + 4 <= value.length && ByteBuffer.wrap(value).getInt(at) != ABSENT;
    }

    /** Where a client value's public key field starts, or -1 for a value too short to say. */
    private static int publicKeyAt(byte[] value) {
        if (value.length < 5) {
            return -1;
        }
        int nameLength = ByteBuffer.wrap(value).getInt(1);
        return nameLength < 0 || nameLength > value.length ? -1 : 1 + 4 + nameLength + LAST_SEEN_SIZE;
    }

    /** The value of a client awaiting its key: when it registered. */
    static byte[] registeredAt(Instant when) {
        return ByteBuffer.allocate(LAST_SEEN_SIZE).putLong(when.getEpochSecond()).putInt(when.getNano()).array();
    }

    static Instant registeredAt(byte[] value) throws StoreException {
        if (value.length != LAST_SEEN_SIZE) {
            throw new StoreException("the store holds a registration time of " + value.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        return Instant.ofEpochSecond(b.getLong(), b.getInt());
    }

    static byte[] fileKey(ClientId clientId, String fileName) {
        byte[] id = clientId.toBytes();
        byte[] name = fileName.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(id, id.length + name.length);
        System.arraycopy(name, 0, key, id.length, name.length);
        return key;
    }

    /** A file record with the versions kept of it. */
    record StoredFile(FileRecord file, long lastVersion, List<FileVersion> versions) {
        StoredFile {
            versions = List.copyOf(versions);
        }
    }

    static byte[] fileValue(FileRecord file) {
        return fileValue(new StoredFile(file, 0, List.of()));
    }

    static byte[] fileValue(StoredFile stored) {
        FileRecord file = stored.file();
        return write(out -> {
            out.writeByte(FILE_FORMAT);
            writeString(out, file.pathName());
            out.writeBoolean(file.verified());
            out.writeLong(file.size());
            out.writeLong(file.cksum());
            out.writeLong(stored.lastVersion());
            out.writeInt(stored.versions().size());
            for (FileVersion v : stored.versions()) {
                out.writeLong(v.number());
                writeString(out, v.pathName());
                out.writeLong(v.size());
                out.writeLong(v.cksum());
                out.writeLong(v.keptAt().getEpochSecond());
                out.writeInt(v.keptAt().getNano());
            }
        });
    }

    static FileRecord file(byte[] key, byte[] value) throws StoreException {
        return storedFile(key, value).file();
    }

    static StoredFile storedFile(byte[] key, byte[] value) throws StoreException {
        if (key.length < Protocol.CLIENT_ID_SIZE) {
            throw new StoreException("the store holds a file key of " + key.length + " bytes, shorter than a client id");
        }
        ClientId clientId = ClientId.of(key, 0);
        String fileName = new String(key, Protocol.CLIENT_ID_SIZE, key.length - Protocol.CLIENT_ID_SIZE,
                StandardCharsets.UTF_8);
        return read(value, "file " + fileName + " of client " + clientId.hex(), in -> {
            byte format = in.readByte();
            if (format != FILE_FORMAT && format != FILE_FORMAT_WITHOUT_VERSIONS) {
                throw new IOException("unknown record format " + format + " (this build reads "
                        + FILE_FORMAT_WITHOUT_VERSIONS + " and " + FILE_FORMAT + ")");
            }
            String pathName = readString(in);
            byte verified = in.readByte();
            if (verified != 0 && verified != 1) {
                throw new IOException("verified flag " + verified);
            }
            if (format == FILE_FORMAT_WITHOUT_VERSIONS) {
                return new StoredFile(new FileRecord(clientId, fileName, pathName, verified == 1), 0, List.of());
            }
            long size = in.readLong();
            long cksum = in.readLong();
            long lastVersion = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > in.available()) {
                throw new IOException("a count of " + count + " versions");
            }
            List<FileVersion> versions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long number = in.readLong();
                String versionPath = readString(in);
                long versionSize = in.readLong();
                long versionCksum = in.readLong();
                Instant keptAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
                versions.add(new FileVersion(clientId, fileName, number, versionPath, versionSize, versionCksum,
                        keptAt));
            }
            return new StoredFile(new FileRecord(clientId, fileName, pathName, verified == 1, size, cksum),
                    lastVersion, versions);
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] value, String what, Reader<T> reader) throws StoreException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            T result = reader.read(in);
            if (in.available() != 0) {
                throw new IOException(in.available() + " bytes left over");
            }
            return result;
        } catch (IOException | RuntimeException e) {
            throw new StoreException("the store holds a malformed record for " + what + ": " + e.getMessage(), e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in, in.readInt()), StandardCharsets.UTF_8);
    }

    private static void writeOptionalBytes(DataOutputStream out, Optional<byte[]> bytes) throws IOException {
        if (bytes.isEmpty()) {
            out.writeInt(ABSENT);
        } else {
            out.writeInt(bytes.get().length);
            out.write(bytes.get());
        }
    }

    private static Optional<byte[]> readOptionalBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length == ABSENT ? Optional.empty() : Optional.of(readBytes(in, length));
    }

    private static byte[] readBytes(DataInputStream in, int length) throws IOException {
        if (length < 0 || length > in.available()) {
            throw new IOException("length " + length + " with " + in.available() + " bytes left");
        }
        return in.readNBytes(length);
    }
}
