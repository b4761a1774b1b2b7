package dropvault.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** conf/dropvault.service: a dedicated user, the hardening, and the one writable folder the server's data. */
class ServiceUnitTest {
    private static final Path UNIT = Path.of("..", "conf", "dropvault.service");

    @Test
    void runsAsItsOwnUserAndMayWriteOnlyItsDataFolder() throws Exception {
        List<String> lines = Files.readAllLines(UNIT).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("[")).toList();
        Map<String, String> keys = lines.stream().map(l -> l.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : "", (a, b) -> a + " " + b));
        assertEquals("dropvault", keys.get("User"));
        assertEquals("yes", keys.get("NoNewPrivileges"));
        assertEquals("strict", keys.get("ProtectSystem"));
        assertEquals("", keys.get("CapabilityBoundingSet"));
        String data = keys.get("ReadWritePaths");
        assertTrue(keys.get("ExecStart").endsWith("bin/dropvault-server --data " + data), keys.get("ExecStart"));
        assertEquals(data, keys.get("WorkingDirectory"));
        assertEquals("SIGTERM", keys.get("KillSignal"));
    }
}
