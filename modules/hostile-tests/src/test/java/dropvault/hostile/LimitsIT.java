package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configurable limits of a running server process, each hit on purpose: the client that hits
 * one gets 1607 or a closed connection, the server logs it, keeps no file of it and goes on.
 */
class LimitsIT {
    @TempDir
    Path work;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aFileOverMaxFileSizeIsRefusedAtItsFirstPacket() throws Exception {
        Path data = work.resolve("data");
        ServerProcess.Options options = new ServerProcess.Options(work, data).set("max.file.size", 50_000);
        try (ServerProcess server = ServerProcess.start(options)) {
            Client.Identity who;
            try (Wire w = new Wire(server.address())) {
                who = Client.register(w, "big spender");
                List<FilePacket> packets = Client.packets(who, NameField.utf8("big.bin"), Client.randomBytes(1, 60_000));
                w.send(who.id(), packets.get(0));
                assertEquals(List.of(1607), w.codesUntilClosed());
            }
            assertFalse(Files.exists(data.resolve("files").resolve(who.id().hex()).resolve("big.bin")));
            try (Wire w = new Wire(server.address())) {
                Client.Identity again = Client.reconnect(w, who.id(), who.name());
                Client.store(w, again, NameField.utf8("small.bin"), Client.randomBytes(2, 50_000));
            }
            Client.storesCleanly(server, data, 40_000);
            assertEquals(0, server.stop());
            // a session's line is written when it ends, after the client saw the close: read the log when all ended
            assertTrue(server.log().contains("larger than the 50000 bytes this server takes"), server.log());
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anUploadBeyondMaxConcurrentUploadsIsRefusedAndTheOthersFinish() throws Exception {
        Path data = work.resolve("data");
        int slots = 3;
        ServerProcess.Options options = new ServerProcess.Options(work, data).set("max.concurrent.uploads", slots);
        try (ServerProcess server = ServerProcess.start(options)) {
            List<Wire> wires = new ArrayList<>();
            List<Client.Identity> uploaders = new ArrayList<>();
            NameField name = NameField.utf8("part.bin");
            try {
                for (int i = 0; i <= slots; i++) {
                    Wire w = new Wire(server.address());
                    wires.add(w);
                    uploaders.add(Client.register(w, "uploader " + i));
                }
                // an upload answered by 1603 holds its slot until 900, 901 or 902
                for (int i = 0; i < slots; i++) {
                    Client.upload(wires.get(i), uploaders.get(i), name, Client.randomBytes(10 + i, 20_000));
                }
                Wire late = wires.get(slots);
                Client.Identity lateOne = uploaders.get(slots);
                late.send(lateOne.id(), Client.packets(lateOne, name, Client.randomBytes(20, 20_000)).get(0));
                assertEquals(List.of(1607), late.codesUntilClosed());
                for (int i = 0; i < slots; i++) {
                    Client.confirm(wires.get(i), uploaders.get(i), name);
                }
            } finally {
                for (Wire w : wires) {
                    w.close();
                }
            }
            assertFalse(Files.exists(data.resolve("files").resolve(uploaders.get(slots).id().hex()).resolve("part.bin")));
            Client.storesCleanly(server, data);
            assertEquals(0, server.stop());
            assertTrue(server.log().contains("the server takes no more uploads at once"), server.log());
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void connectionsBeyondMaxConnectionsAreClosedAtOnceAndLoggedWithoutAFlood() throws Exception {
        Path data = work.resolve("data");
        int cap = 5;
        int refused = 200;
        ServerProcess.Options options = new ServerProcess.Options(work, data).set("max.connections", cap);
        try (ServerProcess server = ServerProcess.start(options)) {
            List<Wire> held = new ArrayList<>();
            try {
                for (int i = 0; i < cap; i++) {
                    Wire w = new Wire(server.address());
                    held.add(w);
                    Client.register(w, "holder " + i);
                }
                for (int i = 0; i < refused; i++) {
                    try (Wire w = new Wire(server.address())) {
                        assertEquals(List.of(), w.codesUntilClosed(), "connection " + (cap + i + 1));
                    }
                }
                // the server frees a connection's slot before it closes it: once a holder sees the close, its slot is free
                for (Wire w : held) {
                    w.shutdownOutput();
                    assertEquals(List.of(), w.codesUntilClosed(), "a holder's end");
                }
            } finally {
                for (Wire w : held) {
                    w.close();
                }
            }
            Client.storesCleanly(server, data);
            assertEquals(0, server.stop());
            String log = server.log();
            long lines = log.lines().filter(l -> l.contains("connections already open")).count();
            assertTrue(lines >= 1, log);
            assertTrue(lines < refused, "one line per refused connection: " + lines);
        }
    }
}
