package dropvault.storage.mapdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.storage.ClientRecord;
import dropvault.storage.FileRecord;
import dropvault.storage.Store;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store process killed while it commits loses nothing it had answered: each cycle starts
 * {@link CrashChild}, kills it (SIGKILL) once it has reported a few hundred
 * operations, and checks that the reopened store holds every reported one.
 */
@Timeout(120)
class CrashTest {
    private static final int CYCLES = 5;
    private static final int LINES_BEFORE_KILL = 150;
    private static final int CHILD_THREADS = 8;

    @TempDir
    Path dir;

    @Test
    void everyAnsweredChangeSurvivesAKill() throws Exception {
        Path data = dir.resolve("data");
        List<String> answered = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            List<String> lines = runAndKill(data, "c" + cycle);
            assertFalse(lines.stream().anyMatch(l -> l.startsWith("FAILED")), () -> String.join("\n", lines));
            assertTrue(lines.size() >= 3, () -> "the child reported too little: " + lines + "\n" + childErrors());
            answered.addAll(lines);
            try (Store store = new MapDbStoreProvider().open(data, Map.of())) {
                checkAnswered(store, answered);
                checkConsistent(store);
            }
        }
    }

    private List<String> runAndKill(Path data, String prefix) throws Exception {
        String classPath = System.getProperty("java.class.path") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a short-lived child: C1 only and the serial collector start it faster on busy cores
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                CrashChild.class.getName(), data.toString(), prefix, Integer.toString(CHILD_THREADS))
                .redirectError(dir.resolve("child-errors.txt").toFile())
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch enough = new CountDownLatch(LINES_BEFORE_KILL);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                    enough.countDown();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                while (enough.getCount() > 0) {
                    enough.countDown();
                }
            }
        });
        try {
            enough.await();
        } finally {
            // through the handle: Process.destroyForcibly() would also close the pipe with unread lines
            child.toHandle().destroyForcibly();
            child.waitFor();
            reader.join();
        }
        return lines;
    }

    private static void checkAnswered(Store store, List<String> answered) throws Exception {
        for (String line : answered) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "R" -> assertEquals(f[2], store.client(ClientId.fromHex(f[1])).orElseThrow(
                        () -> new AssertionError("lost registration: " + line)).name());
                case "K" -> {
                    ClientId id = ClientId.fromHex(f[1]);
                    ClientRecord client = store.client(id).orElseThrow();
                    assertArrayEquals(CrashChild.publicKeyOf(id), client.publicKey().orElseThrow(
                            () -> new AssertionError("lost keys: " + line)));
                }
                case "F" -> {
                    ClientId id = ClientId.fromHex(f[1]);
                    assertEquals(Optional.of(new FileRecord(id, f[2], CrashChild.pathOf(id), true)),
                            store.file(id, f[2]), "lost file: " + line);
                }
                case "DONE" -> { }
                default -> throw new AssertionError("unexpected line from the child: " + line);
            }
        }
    }

    /** What the store holds hangs together: every client found by its name, every file's client there. */
    private static void checkConsistent(Store store) throws Exception {
        Set<ClientId> ids = new HashSet<>();
        for (ClientRecord client : store.clients()) {
            ids.add(client.id());
            assertEquals(client.id(), store.clientByName(client.name()).orElseThrow().id());
            assertEquals(CrashChild.idOf(client.name()), client.id());
        }
        for (ClientId id : ids) {
            for (FileRecord file : store.files(id)) {
                assertEquals(CrashChild.pathOf(id), file.pathName());
            }
        }
    }

    private String childErrors() {
        try {
            return Files.readString(dir.resolve("child-errors.txt"));
        } catch (IOException e) {
            return "(no error output: " + e + ")";
        }
    }
}
