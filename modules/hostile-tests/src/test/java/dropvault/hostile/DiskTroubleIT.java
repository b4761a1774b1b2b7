package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.RegisterRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Disk trouble (a file write that fails, a store commit that fails): the client gets 1607, nothing
 * half-written remains, the file the name had before stays, and the server goes on serving.
 */
class DiskTroubleIT {
    /** The server may write files of at most this size (RLIMIT_FSIZE); the store stays far below it. */
    static final int FILE_LIMIT_KIB = 8 * 1024;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aFileWriteThatFailsGets1607AndLeavesThePreviousFile() throws Exception {
        Path data = work.resolve("data");
        ServerProcess.Options options = new ServerProcess.Options(work, data).fileSizeLimitKib(FILE_LIMIT_KIB);
        NameField name = NameField.utf8("same.bin");
        byte[] first = Client.randomBytes(1, 10_000);
        try (ServerProcess server = ServerProcess.start(options)) {
            Client.Identity who;
            try (Wire w = new Wire(server.address())) {
                who = Client.register(w, "disk full");
                Client.store(w, who, name, first);
            }
            // just past the limit: the write fails near the end, with little left for the client to send
            byte[] tooBig = Client.randomBytes(2, FILE_LIMIT_KIB * 1024 + 40_000);
            try (Wire w = new Wire(server.address())) {
                Client.Identity again = Client.reconnect(w, who.id(), who.name());
                for (FilePacket p : Client.packets(again, name, tooBig, 32 * 1024)) {
                    w.send(again.id(), p);
                }
                assertEquals(List.of(1607), w.codesUntilClosed());
            }
            Path folder = data.resolve("files").resolve(who.id().hex());
            assertEquals(List.of("same.bin"), names(folder), "nothing half-written remains");
            assertEquals(Snapshot.sha256(first), Snapshot.sha256(folder.resolve("same.bin")));
            assertTrue(server.log().contains("File too large"), "the failure was a real write error");
            Client.storesCleanly(server, data);
            assertEquals(0, server.stop());
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aStoreCommitThatFailsGets1607AndLeavesThePreviousFile() throws Exception {
        Path data = work.resolve("data");
        Path trigger = work.resolve("fail-commits");
        ServerProcess.Options options = new ServerProcess.Options(work, data)
                .set("store.option.mapdb.failCommitsWhileExists", trigger);
        NameField name = NameField.utf8("keep.bin");
        byte[] first = Client.randomBytes(3, 20_000);
        try (ServerProcess server = ServerProcess.start(options)) {
            Client.Identity who;
            try (Wire w = new Wire(server.address())) {
                who = Client.register(w, "flaky disk");
                Client.store(w, who, name, first);
            }
            try (Wire w = new Wire(server.address())) {
                Client.Identity again = Client.reconnect(w, who.id(), who.name());
                Client.upload(w, again, name, Client.randomBytes(4, 30_000));
                Files.createFile(trigger);
                w.send(again.id(), new CrcReport(CrcReport.Verdict.MATCHED, name));
                assertEquals(List.of(1607), w.codesUntilClosed());
            }
            try (Wire w = new Wire(server.address())) {
                w.send(ClientId.ZERO, new RegisterRequest(NameField.of("while the disk fails")));
                assertEquals(List.of(1607), w.codesUntilClosed());
            }
            Path folder = data.resolve("files").resolve(who.id().hex());
            assertEquals(List.of("keep.bin"), names(folder), "nothing half-written remains");
            assertEquals(Snapshot.sha256(first), Snapshot.sha256(folder.resolve("keep.bin")),
                    "the verified file was replaced though the new one was never recorded");
            Files.delete(trigger);
            Client.storesCleanly(server, data);
            assertEquals(0, server.stop());
        }
        List<String> store = StoreDump.of(data, work);
        String refusedName = java.util.HexFormat.of().formatHex("while the disk fails".getBytes());
        assertTrue(store.stream().noneMatch(l -> l.contains(refusedName)), String.join("\n", store));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aSameNameUploadReplacesTheVerifiedFileOnlyWhenItIsVerified() throws Exception {
        Path data = work.resolve("data");
        NameField name = NameField.utf8("doc.txt");
        byte[] first = Client.randomBytes(5, 3000);
        try (ServerProcess server = ServerProcess.start(new ServerProcess.Options(work, data))) {
            Client.Identity who;
            try (Wire w = new Wire(server.address())) {
                who = Client.register(w, "careful");
                Client.store(w, who, name, first);
            }
            Path folder = data.resolve("files").resolve(who.id().hex());
            for (CrcReport.Verdict verdict : new CrcReport.Verdict[] {CrcReport.Verdict.ABORT, CrcReport.Verdict.RETRY, null}) {
                try (Wire w = new Wire(server.address())) {
                    Client.Identity again = Client.reconnect(w, who.id(), who.name());
                    Client.upload(w, again, name, Client.randomBytes(6, 4000));
                    if (verdict != null) {
                        w.send(again.id(), new CrcReport(verdict, name));
                    }
                    w.shutdownOutput();
                    List<Integer> codes = w.codesUntilClosed();
                    assertEquals(verdict == CrcReport.Verdict.ABORT ? List.of(1604) : List.of(), codes);
                }
                // the server drops the temporary file before it closes the connection
                assertEquals(List.of("doc.txt"), names(folder), "after " + verdict);
                assertEquals(Snapshot.sha256(first), Snapshot.sha256(folder.resolve("doc.txt")), "after " + verdict);
            }
            byte[] last = Client.randomBytes(7, 5000);
            try (Wire w = new Wire(server.address())) {
                Client.Identity again = Client.reconnect(w, who.id(), who.name());
                Client.store(w, again, name, last);
            }
            assertEquals(Snapshot.sha256(last), Snapshot.sha256(folder.resolve("doc.txt")));
            assertEquals(0, server.stop());
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void onlyTheConnectionThatExchangedAKeyAndUploadedCanConfirm() throws Exception {
        Path data = work.resolve("data");
        NameField name = NameField.utf8("mine.bin");
        byte[] plain = Client.randomBytes(8, 6000);
        try (ServerProcess server = ServerProcess.start(new ServerProcess.Options(work, data));
             Wire owner = new Wire(server.address())) {
            Client.Identity who = Client.register(owner, "owner");
            Client.upload(owner, who, name, plain);
            CrcReport confirm = new CrcReport(CrcReport.Verdict.MATCHED, name);
            try (Wire stranger = new Wire(server.address())) {
                stranger.send(who.id(), confirm);
                assertEquals(List.of(1607), stranger.codesUntilClosed(), "900 on a fresh connection");
            }
            try (Wire registered = new Wire(server.address())) {
                registered.send(ClientId.ZERO, new RegisterRequest(NameField.of("no key yet")));
                registered.expect(dropvault.protocol.Registered.class);
                registered.send(who.id(), confirm);
                assertEquals(List.of(1607), registered.codesUntilClosed(), "900 after 825 without 826");
            }
            try (Wire reconnected = new Wire(server.address())) {
                Client.reconnect(reconnected, who.id(), who.name());
                reconnected.send(who.id(), confirm);
                assertEquals(List.of(1607), reconnected.codesUntilClosed(), "900 with a key but no upload here");
            }
            Path folder = data.resolve("files").resolve(who.id().hex());
            assertFalse(Files.exists(folder.resolve("mine.bin")), "confirmed by someone else");
            Client.confirm(owner, who, name);
            assertEquals(Snapshot.sha256(plain), Snapshot.sha256(folder.resolve("mine.bin")));
        }
    }

    /** A new client registers and stores a file: the server goes on serving. */

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
