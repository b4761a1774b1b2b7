package dropvault.testvectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The test vectors, from the folder named by the system property {@code dropvault.vectors}: this
 * module's {@code src/main/resources/vectors}, made and checked by {@code src/scripts/make-vectors.py}.
 */
public final class Vectors {
    public static final String PROPERTY = "dropvault.vectors";

    /** One frame of frames.json. */
    public record Frame(String from, String what, byte[] bytes) {
        public boolean fromClient() {
            return from.equals("client");
        }

        @Override
        public String toString() {
            return what;
        }
    }

    private Vectors() {
    }

    /** The vectors folder. */
    public static Path folder() {
        String folder = System.getProperty(PROPERTY);
        if (folder == null) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set: it names the vectors"
                    + " folder (Surefire sets it to modules/test-vectors/src/main/resources/vectors)");
        }
        return Path.of(folder);
    }

    /** The vector file {@code name} ("aes.json", "client-files/me.info"), which must exist. */
    public static Path file(String name) {
        Path p = folder().resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test vector file " + p.toAbsolutePath() + " is missing ("
                    + PROPERTY + "=" + System.getProperty(PROPERTY) + ")");
        }
        return p;
    }

    /** A client file of {@code client-files/}: me.info, priv.key, me-crlf-nul.info, transfer.info. */
    public static Path clientFile(String name) {
        return file("client-files/" + name);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(String name) {
        try {
            return (Map<String, Object>) Json.parse(Files.readString(file(name)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Frame> frames() {
        List<Object> list = (List<Object>) load("frames.json").get("frames");
        if (list == null || list.isEmpty()) {
            throw new IllegalStateException("frames.json holds no frames");
        }
        return list.stream().map(o -> (Map<String, Object>) o)
                .map(m -> new Frame((String) m.get("from"), (String) m.get("what"), hex((String) m.get("hex"))))
                .toList();
    }

    public static Frame frame(String what) {
        return frames().stream().filter(f -> f.what().equals(what)).findFirst()
                .orElseThrow(() -> new IllegalStateException("frames.json has no frame '" + what + "'"));
    }

    /** The list under {@code key} of the vector file {@code name}; never empty. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(String name, String key) {
        List<Map<String, Object>> l = (List<Map<String, Object>>) load(name).get(key);
        if (l == null || l.isEmpty()) {
            throw new IllegalStateException(name + " holds no " + key);
        }
        return l;
    }

    /** The string under {@code key} of the vector file {@code name}. */
    public static String string(String name, String key) {
        Object v = load(name).get(key);
        if (!(v instanceof String s)) {
            throw new IllegalStateException(name + " has no string " + key);
        }
        return s;
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** pattern(n, seed)[i] = ((i*31+seed) XOR (i>>8)) & 0xFF, as in the vectors' "about". */
    public static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ((i * 31 + seed) ^ (i >> 8));
        }
        return b;
    }
}
