package dropvault.client.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code servers.info} beside me.info: the TLS identity of each server this client has spoken to,
 * one line {@code HOST:PORT SHA256:<fingerprint>} each (as OpenSSH's known_hosts). Owner-only. A
 * line that does not read is kept as it is and otherwise ignored.
 */
final class KnownServers {
    static final String FILE = "servers.info";

    /** The fingerprint recorded for a server, and the line (from 1) it is on. */
    record Entry(String fingerprint, int line) {
    }

    private final Path file;

    KnownServers(Path clientDir) {
        this.file = clientDir.resolve(FILE);
    }

    Path file() {
        return file;
    }

    /** @throws IOException when the file is there but cannot be read (the client then refuses to guess) */
    Optional<Entry> lookUp(String server) throws IOException {
        List<String> lines = read();
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).strip().split("\\s+");
            if (parts.length == 2 && parts[0].equals(server)) {
                return Optional.of(new Entry(parts[1], i + 1));
            }
        }
        return Optional.empty();
    }

    /** Records {@code fingerprint} for {@code server}, replacing the line it had. */
    void record(String server, String fingerprint) throws IOException {
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        for (String line : read()) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && parts[0].equals(server)) {
                if (!replaced) {
                    out.add(server + " " + fingerprint);
                    replaced = true;
                }
                continue;
            }
            out.add(line);
        }
        if (!replaced) {
            out.add(server + " " + fingerprint);
        }
        OwnerOnlyFiles.createFolder(file.toAbsolutePath().getParent());
        OwnerOnlyFiles.write(file, (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private List<String> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
