package dropvault.storage.mapdb.internal;

import dropvault.protocol.ClientId;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process {@link CrashTest} kills: several threads register clients, set their keys and record
 * files in a loop, and print one line after each operation has returned (so it is durable):
 * {@code R <id> <name>}, {@code K <id>}, {@code F <id> <file name>}.
 */
public final class CrashChild {
    static final int ROUNDS_PER_THREAD = 2000;

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String prefix = args[1];
        int threads = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Store store = new MapDbStoreProvider().open(dataDir, Map.of());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String worker = prefix + "-" + t;
            workers.add(Thread.ofPlatform().start(() -> work(store, worker, out)));
        }
        for (Thread w : workers) {
            w.join();
        }
        store.close();
        out.println("DONE");
    }

    private static void work(Store store, String worker, PrintStream out) {
        try {
            for (int i = 0; i < ROUNDS_PER_THREAD; i++) {
                String name = worker + "-" + i;
                ClientId id = idOf(name);
                if (!store.register(id, name, Instant.now())) {
                    throw new IllegalStateException("registration refused: " + name);
                }
                out.println("R " + id.hex() + " " + name);
                store.setPublicKey(id, publicKeyOf(id), Instant.now());
                out.println("K " + id.hex());
                store.putFile(new FileRecord(id, fileNameOf(name), pathOf(id), true));
                out.println("F " + id.hex() + " " + fileNameOf(name));
            }
        } catch (Exception e) {
            e.printStackTrace();
            out.println("FAILED " + e);
        }
    }

    static ClientId idOf(String name) {
        byte[] b = new byte[16];
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            b[i % 16] ^= (byte) (utf8[i] + 31 * (i / 16));
        }
        b[15] ^= (byte) utf8.length;
        return ClientId.of(b);
    }

    static byte[] publicKeyOf(ClientId id) {
        byte[] key = new byte[160];
        byte[] idBytes = id.toBytes();
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (idBytes[i % 16] + i);
        }
        return key;
    }

    static String fileNameOf(String name) {
        return name + ".bin";
    }

    static String pathOf(ClientId id) {
        return "files/" + id.hex() + "/upload.bin";
    }
}
