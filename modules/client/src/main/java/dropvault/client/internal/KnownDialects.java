package dropvault.client.internal;

import dropvault.client.UploadListener;
import dropvault.protocol.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dialects.info} beside me.info: the dialect that worked with each server, one line
 * {@code host:port dialect} each, so that the next run starts with it, followed by {@code crc-32} for a
 * server that sends zlib's CRC-32 in 1603, not the cksum. A line that does not read is ignored: the
 * client then finds the dialect again.
 */
final class KnownDialects {
    static final String FILE = "dialects.info";

    private final Path file;

    KnownDialects(Path clientDir) {
        this.file = clientDir.resolve(FILE);
    }

    static final String CRC32 = "crc-32";

    Optional<Dialect> lookUp(String host, int port) {
        return Optional.ofNullable(read().get(host + ":" + port)).map(v -> v.split(" ")[0]).flatMap(Dialect::parse);
    }

    boolean usesCrc32(String host, int port) {
        String v = read().get(host + ":" + port);
        return v != null && v.endsWith(" " + CRC32);
    }

    /** Notes the dialect of a server; a file that cannot be written only costs the next run a search. */
    void remember(String host, int port, Dialect dialect, boolean crc32, UploadListener listener) {
        Map<String, String> known = read();
        String key = host + ":" + port;
        String value = dialect.name() + (crc32 ? " " + CRC32 : "");
        if (value.equals(known.get(key))) {
            return;
        }
        known.put(key, value);
        StringBuilder text = new StringBuilder();
        known.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            listener.info("cannot write " + file + ": " + e.getMessage());
        }
    }

    private Map<String, String> read() {
        Map<String, String> known = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return known;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2) {
                    known.put(parts[0], parts[1]);
                } else if (parts.length == 3 && parts[2].equals(CRC32)) {
                    known.put(parts[0], parts[1] + " " + CRC32);
                }
            }
        } catch (IOException e) {
            // unreadable: found again
        }
        return known;
    }
}
