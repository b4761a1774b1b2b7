package dropvault.testing.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Temporary folders, ports and servers of the test servers, and their removal when the JVM exits. */
public final class TestFolders {
    private static final List<AutoCloseable> STARTED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestFolders::closeAll, "test-servers-stop"));
    }

    private TestFolders() {
    }

    /** What fills a staging folder once: a copy, an unpacked archive. */
    @FunctionalInterface
    public interface Filling {
        void fill(Path staging) throws IOException, InterruptedException;
    }

    /**
     * {@code name} in the temporary folder, filled once per machine by {@code filling} and shared by
     * every JVM after that: filled in a staging folder, made readable to all (the unprivileged user
     * must enter it: temporary folders are made 700), and moved into place atomically.
     */
    public static Path filledOnce(String name, Filling filling) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path target = tmp.resolve(name);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(tmp, name + "-staging-");
        try {
            Path tree = Files.createDirectory(staging.resolve("tree"));
            filling.fill(tree);
            Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createFile(tree.resolve(".complete"));
            try {
                Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // another JVM filled it first
            } catch (IOException e) {
                if (!Files.exists(target.resolve(".complete"))) {
                    throw e;
                }
            }
            if (!Files.exists(target.resolve(".complete"))) {
                throw new IOException(target + " exists but is not complete: remove it");
            }
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted filling " + target, e);
        } finally {
            deleteTree(staging);
        }
    }

    /** A port of 127.0.0.1 free a moment ago (another process may take it before the server binds it). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes {@code server} when the JVM exits, also when tests fail. */
    public static void closeAtExit(AutoCloseable server) {
        synchronized (STARTED) {
            STARTED.add(server);
        }
    }

    private static void closeAll() {
        List<AutoCloseable> all;
        synchronized (STARTED) {
            all = new ArrayList<>(STARTED);
        }
        for (AutoCloseable server : all) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping " + server + ": " + e.getMessage());
            }
        }
    }

    /** Removes {@code root} and everything under it, as far as it can: a temporary folder. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temporary folder
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temporary folder
        }
    }
}
