package dropvault.storage.mapdb.internal;

import dropvault.storage.contract.StoreContract.EarlierClient;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** What an earlier build wrote: client values of format 1, holding the AES key issued last, in a journal of format 1. */
final class EarlierBuild {
    private EarlierBuild() {
    }

    /** A client value of format 1 ({@code publicKey} null: none yet). */
    static byte[] clientValue(String name, byte[] publicKey, byte[] aesKey, java.time.Instant lastSeen) {
        return bytes(out -> {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            out.writeByte(1);
            out.writeInt(utf8.length);
            out.write(utf8);
            out.writeLong(lastSeen.getEpochSecond());
            out.writeInt(lastSeen.getNano());
            sized(out, publicKey);
            sized(out, aesKey);
        });
    }

    /** Writes the journal an earlier build left for these clients: one record each, registration and keys. */
    static void writeJournal(Path journal, List<EarlierClient> clients) throws Exception {
        Journal.create(journal, Journal.EARLIER_FORMAT, out -> {
            for (EarlierClient c : clients) {
                byte[] id = c.id().toBytes();
                byte[] record = bytes(r -> {
                    put(r, 1, id, clientValue(c.name(), null, null, c.lastSeen()));
                    put(r, 2, c.name().getBytes(StandardCharsets.UTF_8), id);
                    put(r, 1, id, clientValue(c.name(), c.publicKey(), c.aesKey(), c.lastSeen()));
                });
                out.record(record, record.length);
            }
        }).close();
    }

    /** Whether {@code wanted} is in any file under {@code folder}. */
    static boolean anywhereIn(Path folder, byte[] wanted) throws IOException {
        String hex = HexFormat.of().formatHex(wanted);
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                if (HexFormat.of().formatHex(Files.readAllBytes(p)).contains(hex)) {
                    return true;
                }
            }
        }
        return false;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] bytes(Writer w) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            w.write(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static void put(DataOutputStream out, int table, byte[] key, byte[] value) throws IOException {
        out.writeByte(1);
        out.writeByte(table);
        sized(out, key);
        sized(out, value);
    }

    private static void sized(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }
}
