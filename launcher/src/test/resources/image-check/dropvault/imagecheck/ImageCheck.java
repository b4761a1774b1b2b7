package dropvault.imagecheck;

import dropvault.crypto.AesCbcStream;
import dropvault.crypto.CryptoSuite;
import dropvault.crypto.CryptoSuites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import net.jpountz.lz4.LZ4Factory;
import org.eclipse.collections.api.factory.Lists;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * Exercises, inside the runtime image, what a module descriptor added at build time could get
 * wrong: MapDB with its Kotlin, Guava, Elsa and Eclipse Collections dependencies, the
 * ServiceLoader factories of Eclipse Collections, lz4's native code, and each JCA provider.
 * Prints one line per check; any failure is an exception and a non-zero exit.
 */
public final class ImageCheck {
    private ImageCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path dbFile = Path.of(args[0], "check.db");
        try (DB db = DBMaker.fileDB(dbFile.toFile()).transactionEnable().make()) {
            db.hashMap("files", Serializer.STRING, Serializer.STRING).createOrOpen().put("notes.txt", "verified");
            db.commit();
        }
        try (DB db = DBMaker.fileDB(dbFile.toFile()).transactionEnable().make()) {
            System.out.println("mapdb " + db.hashMap("files", Serializer.STRING, Serializer.STRING).open().get("notes.txt"));
        }

        System.out.println("eclipse-collections " + Lists.immutable.of("a", "b", "c").makeString(""));

        LZ4Factory lz4 = LZ4Factory.nativeInstance();
        byte[] text = "dropvault dropvault dropvault dropvault".getBytes(StandardCharsets.US_ASCII);
        byte[] restored = lz4.fastDecompressor().decompress(lz4.fastCompressor().compress(text), text.length);
        System.out.println("lz4 " + (Arrays.equals(text, restored) ? "native round trip" : "MISMATCH"));

        for (String provider : CryptoSuites.PROVIDERS) {
            CryptoSuite suite = CryptoSuites.forName(provider);
            byte[] key = suite.newAesKey();
            byte[] plain = "a file's first bytes".getBytes(StandardCharsets.US_ASCII);
            byte[] decrypted = run(suite.decryptor(key), run(suite.encryptor(key), plain));
            if (!Arrays.equals(plain, decrypted)) {
                throw new AssertionError(provider + ": AES round trip changed the bytes");
            }
            System.out.println("crypto " + provider + " AES round trip");
        }
    }

    private static byte[] run(AesCbcStream cipher, byte[] input) throws Exception {
        byte[] head = cipher.update(input, 0, input.length);
        byte[] tail = cipher.finish();
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
