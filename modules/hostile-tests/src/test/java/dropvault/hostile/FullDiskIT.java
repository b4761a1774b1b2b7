package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.ClientId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk reserve on a small file system: a 40 MB tmpfs (so the default reserve is 5 % of it,
 * 2 MB), mounted by the test with {@code mount -t tmpfs} when it runs as root (CI does), filled
 * with real files. When it is not root it cannot mount: then the same steps run on the data folder
 * as it is, with the server reading its free space from a file the test writes (the test-only
 * {@code dropvault.test.freeSpaceFile} property), so the reserve logic is still exercised in the
 * packaged server, though the full-disk restart then meets no real full disk.
 */
class FullDiskIT {
    private static final long FS_BYTES = 40L << 20;

    @TempDir
    Path work;
    private Path fs;
    private boolean mounted;
    private Path simulated;

    @BeforeEach
    void mount() throws Exception {
        fs = work.resolve("fs");
        Files.createDirectories(fs);
        if (!isRoot()) {
            simulated = work.resolve("free-space");
            Files.writeString(simulated, FS_BYTES + " " + FS_BYTES);
            return;
        }
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + FS_BYTES, "tmpfs", fs.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "mount -t tmpfs failed as root: " + out);
        mounted = true;
    }

    private static boolean isRoot() throws Exception {
        Process p = new ProcessBuilder("id", "-u").start();
        String uid = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return uid.equals("0");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", "-l", fs.toString()).inheritIO().start().waitFor();
        }
    }

    /** Leaves about {@code leftBytes} free: fillers on the tmpfs, or the figure the server reads. */
    private void leave(long leftBytes) throws IOException {
        if (simulated != null) {
            Files.writeString(simulated, leftBytes + " " + FS_BYTES);
            return;
        }
        try (Stream<Path> old = Files.list(fs)) {
            for (Path f : old.filter(f -> f.getFileName().toString().startsWith("filler")).toList()) {
                Files.delete(f);
            }
        }
        FileStore store = Files.getFileStore(fs);
        Path filler = fs.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (store.getUsableSpace() > leftBytes) {
                out.write(block, 0, (int) Math.min(block.length, Math.max(4096, store.getUsableSpace() - leftBytes)));
                out.flush();
            }
        } catch (IOException e) {
            if (leftBytes > 0) {
                throw e;
            }
            // no space left: what was asked for
        }
    }

    private static List<Path> temporaryFiles(Path data) throws IOException {
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".upload-")).toList();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theReserveRefusesAtTheFirstPacketAndWhileArrivingAndTheStoreKeepsAnsweringOnAFullDisk() throws Exception {
        Path data = fs.resolve("data");
        ServerProcess.Options options = new ServerProcess.Options(work, data);
        if (simulated != null) {
            options.javaOptions += " -D" + "dropvault.test.freeSpaceFile=" + simulated;
        }
        byte[] kept = Client.randomBytes(1, 100_000);
        byte[] eight = Client.randomBytes(2, 8 << 20);
        try (ServerProcess server = ServerProcess.start(options)) {
            assertTrue(server.log().contains("keeping " + (FS_BYTES / 100 * 5) + " bytes free for the store"), server.log());
            Client.Identity who;
            try (Wire w = new Wire(server.address())) {
                who = Client.register(w, "disk user");
                Client.store(w, who, NameField.utf8("kept.bin"), kept);
            }
            // 6 MB free: 8 MB do not fit above the 2 MB reserve, refused at the first packet
            leave(6L << 20);
            try (Wire w = new Wire(server.address())) {
                Client.Identity again = Client.reconnect(w, who.id(), who.name());
                List<FilePacket> packets = Client.packets(again, NameField.utf8("big.bin"), eight, 64 * 1024);
                w.send(again.id(), packets.get(0));
                assertEquals(List.of(1607), w.codesUntilClosed());
            }
            assertEquals(List.of(), temporaryFiles(data));
            // about 20 MB free: the upload starts, then the disk fills while it arrives
            leave(20L << 20);
            try (Wire w = new Wire(server.address())) {
                Client.Identity again = Client.reconnect(w, who.id(), who.name());
                List<FilePacket> packets = Client.packets(again, NameField.utf8("big.bin"), eight, 64 * 1024);
                int half = packets.size() / 2;
                for (FilePacket p : packets.subList(0, half)) {
                    w.send(again.id(), p);
                }
                leave(1L << 20);
                try {
                    for (FilePacket p : packets.subList(half, packets.size())) {
                        w.send(again.id(), p);
                    }
                } catch (IOException e) {
                    // the server refused and closed while packets were still going out
                }
                assertEquals(List.of(1607), w.codesUntilClosed());
            }
            assertEquals(List.of(), temporaryFiles(data), "the refused upload was removed");
            // a full disk: the store still opens and answers
            leave(0);
            assertEquals(0, server.stop());
            // session lines are written when a session ends (the warnings are throttled): read them once all ended
            assertTrue(server.log().contains("does not fit"), server.log());
            assertTrue(server.log().contains("fell below the reserve"), server.log());
        }
        try (ServerProcess server = ServerProcess.start(options)) {
            try (Wire w = new Wire(server.address())) {
                Client.reconnect(w, who(data), "disk user");
            } catch (AssertionError e) {
                // the reconnect's key could not be written on a full disk: 1607 is a clean refusal
                assertTrue(e.getMessage().contains("1607"), e.getMessage());
            }
            try (Wire w = new Wire(server.address())) {
                w.send(ClientId.ZERO, new RegisterRequest(NameField.of("on a full disk")));
                int code = w.read().orElseThrow().code();
                assertTrue(code == 1600 || code == 1607, "registration on a full disk answered " + code);
            }
            leave(FS_BYTES);
            Client.storesCleanly(server, data);
            assertEquals(Snapshot.sha256(kept), Snapshot.sha256(data.resolve("files").resolve(who(data).hex())
                    .resolve("kept.bin")));
            assertEquals(0, server.stop());
        }
    }

    /** The one client folder's id (the first client registered). */
    private static ClientId who(Path data) throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("files"))) {
            List<Path> folders = s.filter(Files::isDirectory).sorted().toList();
            for (Path f : folders) {
                if (Files.exists(f.resolve("kept.bin"))) {
                    return ClientId.fromHex(f.getFileName().toString());
                }
            }
        }
        throw new AssertionError("no client folder holds kept.bin");
    }
}
