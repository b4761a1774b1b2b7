package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.FilePacket;
import dropvault.protocol.FileReceived;
import dropvault.protocol.NameField;
import dropvault.testing.postgres.EmbeddedPostgres;
import dropvault.testing.s3.EmbeddedS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three packaged servers that share nothing but PostgreSQL and a bucket of an S3 server
 * ({@code files.provider=s3}), each with an empty data folder of its own: a client's sessions land on
 * any of them, with the packaged client; a server killed in mid-upload leaves no object and no record,
 * and its restart aborts what it left while another server's upload goes on; the S3 server stopped
 * under load costs the uploads in flight a 1607 and nothing more. Every file answered 1604 is in the
 * bucket byte for byte, and every file the database records is there.
 */
class SeveralServersOnS3IT {
    static final int SERVERS = 3;

    @TempDir
    Path work;

    private ServerProcess.Options options(int slot, String databaseUrl, Bucket bucket) throws IOException {
        return bucket.filesOf(new ServerProcess.Options(work, work.resolve("data-" + slot))
                .set("store.provider", "postgresql")
                .set("store.option.url", databaseUrl)
                .set("store.option.user", EmbeddedPostgres.USER), work);
    }

    private List<ServerProcess> startServers(String databaseUrl, Bucket bucket) throws Exception {
        List<ServerProcess> servers = new ArrayList<>();
        for (int slot = 0; slot < SERVERS; slot++) {
            servers.add(ServerProcess.start(options(slot, databaseUrl, bucket)));
        }
        return servers;
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void registerOnOneSendOnASecondListAndGetOnAThirdWithNoSharedFolder() throws Exception {
        String db = EmbeddedPostgres.shared().createDatabase();
        try (Bucket bucket = new Bucket(EmbeddedS3.shared())) {
            List<ServerProcess> servers = startServers(db, bucket);
            try {
                Path me = Files.createDirectories(work.resolve("client"));
                byte[] first = Client.randomBytes(1, 300_000);
                // over one 8 MiB part: a multipart upload of two parts
                byte[] second = Client.randomBytes(2, 9 * 1024 * 1024 + 17);
                byte[] firstAgain = Client.randomBytes(3, 1000);
                Files.write(me.resolve("first.bin"), first);
                Files.write(me.resolve("second.bin"), second);
                Files.writeString(me.resolve("transfer.info"), server(servers, 0) + "\nroaming\nfirst.bin\n");

                ClientRun registered = ClientRun.of(me, work);
                assertEquals(0, registered.exit(), registered::toString);
                String hex = Files.readAllLines(me.resolve("me.info")).get(1).strip().toLowerCase(java.util.Locale.ROOT);
                ClientRun sent = ClientRun.of(me, work, "--server", server(servers, 1), "send", "second.bin");
                assertEquals(0, sent.exit(), sent::toString);
                Files.write(me.resolve("first.bin"), firstAgain);
                ClientRun again = ClientRun.of(me, work, "--server", server(servers, 2), "send", "first.bin");
                assertEquals(0, again.exit(), again::toString);

                ClientRun list = ClientRun.of(me, work, "--server", server(servers, 2), "list");
                assertEquals(0, list.exit(), list::toString);
                assertEquals(3, list.out().lines().filter(l -> l.contains("first.bin") || l.contains("second.bin"))
                        .count(), list::toString);
                ClientRun getSecond = ClientRun.of(me, work, "--server", server(servers, 2), "get", "second.bin",
                        "-o", "second.back");
                assertEquals(0, getSecond.exit(), getSecond::toString);
                assertEquals(-1, Files.mismatch(me.resolve("second.bin"), me.resolve("second.back")));
                ClientRun getVersion = ClientRun.of(me, work, "--server", server(servers, 0), "get", "first.bin",
                        "--version", "1", "-o", "first.v1");
                assertEquals(0, getVersion.exit(), getVersion::toString);
                assertEquals(Snapshot.sha256(first), Snapshot.sha256(me.resolve("first.v1")));

                String part = "files/" + hex + "/";
                assertEquals(Snapshot.sha256(firstAgain), bucket.sha256(part + "first.bin"));
                assertEquals(Snapshot.sha256(second), bucket.sha256(part + "second.bin"));
                List<String> keys = bucket.keys(part);
                assertEquals(3, keys.size(), keys::toString);
                assertTrue(keys.stream().anyMatch(k -> k.startsWith(part + ".versions/first.bin@")), keys::toString);
                assertEquals(List.of(), bucket.pendingUploads());
                for (String recorded : recordedPathNames(db)) {
                    assertTrue(keys.contains(recorded), "recorded but not in the bucket: " + recorded);
                }
                for (int slot = 0; slot < SERVERS; slot++) {
                    assertEquals(List.of(), filesIn(work.resolve("data-" + slot)), "a server kept file bytes locally");
                }
                for (ServerProcess s : servers) {
                    assertEquals(0, s.stop());
                }
            } finally {
                SeveralServersIT.closeAll(servers);
            }
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aServerKilledInMidUploadLeavesNoObjectAndNoRecordAndItsRestartAbortsWhatItLeft() throws Exception {
        String db = EmbeddedPostgres.shared().createDatabase();
        try (Bucket bucket = new Bucket(EmbeddedS3.shared())) {
            List<ServerProcess> servers = startServers(db, bucket);
            try (Wire killed = new Wire(servers.get(1).address()); Wire live = new Wire(servers.get(2).address())) {
                // all but the last packet are more than one 8 MiB part beyond what the kernel can hold in
                // the two sockets' buffers: once they are sent, each server has read a whole part, so it
                // has begun its multipart upload (synchronously, before it reads on)
                byte[] plain = Client.randomBytes(4, (int) (8 * MIB + socketBuffersAtMost() + 2 * MIB));
                NameField name = NameField.utf8("cut.bin");
                Client.Identity victim = Client.register(killed, "cut short");
                Client.Identity other = Client.register(live, "goes on");
                List<FilePacket> victimPackets = Client.packets(victim, name, plain, 64 * 1024);
                List<FilePacket> otherPackets = Client.packets(other, name, plain, 64 * 1024);
                int allButLast = victimPackets.size() - 1;
                for (int i = 0; i < allButLast; i++) {
                    killed.send(victim.id(), victimPackets.get(i));
                    live.send(other.id(), otherPackets.get(i));
                }
                String killedTag = "~" + servers.get(1).pid() + "-";
                String liveTag = "~" + servers.get(2).pid() + "-";
                List<String> underWay = bucket.pendingUploads();
                assertTrue(underWay.stream().anyMatch(k -> k.contains(killedTag))
                        && underWay.stream().anyMatch(k -> k.contains(liveTag)), "both uploads under way: " + underWay);

                servers.get(1).kill();
                assertEquals(List.of(), bucket.keys("files/" + victim.id().hex() + "/"), "an object of the cut upload");
                assertEquals(0, recordedFiles(db, victim), "a record of the cut upload");

                servers.set(1, ServerProcess.start(options(1, db, bucket)));
                assertTrue(servers.get(1).log().matches("(?s).*removed [1-9][0-9]* unfinished uploads left by stopped servers.*"),
                        servers.get(1).log());
                List<String> pending = bucket.pendingUploads();
                assertTrue(pending.stream().noneMatch(k -> k.contains(killedTag)), pending::toString);
                assertTrue(pending.stream().anyMatch(k -> k.contains(liveTag)), "the restart aborted a live upload: "
                        + pending);

                for (int i = allButLast; i < otherPackets.size(); i++) {
                    live.send(other.id(), otherPackets.get(i));
                }
                assertEquals(name.text(), live.expect(FileReceived.class).fileName().text());
                Client.confirm(live, other, name);
                assertEquals(Snapshot.sha256(plain), bucket.sha256("files/" + other.id().hex() + "/cut.bin"));
                assertEquals(List.of(), bucket.keys("files/" + victim.id().hex() + "/"));
                assertEquals(0, recordedFiles(db, victim));
                assertEquals(List.of(), bucket.pendingUploads());
                for (ServerProcess s : servers) {
                    assertEquals(0, s.stop());
                }
            } finally {
                SeveralServersIT.closeAll(servers);
            }
        }
    }

    record FileKey(String clientHex, String name) {
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void theObjectStoreStoppedUnderLoadGives1607AndTheServersServeAgainWhenItIsBack() throws Exception {
        String db = EmbeddedPostgres.shared().createDatabase();
        Map<FileKey, String> confirmed = new ConcurrentHashMap<>();
        // the JVM's shared S3 server, stopped and started by this test (the tests of a class run one at a time)
        EmbeddedS3 s3 = EmbeddedS3.shared();
        try (Bucket bucket = new Bucket(s3)) {
            SeveralServersIT.Run run = new SeveralServersIT.Run(startServers(db, bucket));
            // once enough sessions were refused, the workers wait for the S3 server's return instead of
            // failing in a tight loop that would leave its restart no CPU
            AtomicInteger enoughFailures = new AtomicInteger(Integer.MAX_VALUE);
            CountDownLatch back = new CountDownLatch(1);
            ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
            try {
                for (int w = 0; w < 2 * SERVERS; w++) {
                    int slot = w % SERVERS;
                    int worker = w;
                    threads.submit(() -> run.guard(() -> {
                        Random r = new Random(worker);
                        for (int n = 0; !run.finished(); n++) {
                            try (Wire wire = new Wire(run.server(slot).address())) {
                                Client.Identity who = Client.register(wire, "s3-" + worker + "-" + n);
                                byte[] plain = Client.randomBytes(r.nextLong(), 1 + r.nextInt(200_000));
                                Client.store(wire, who, NameField.utf8("f.bin"), plain);
                                confirmed.put(new FileKey(who.id().hex(), "f.bin"), Snapshot.sha256(plain));
                                run.stored(slot);
                            } catch (IOException | AssertionError e) {
                                run.failedSession();
                                if (run.failedSessions() >= enoughFailures.get()) {
                                    assertTrue(back.await(2, TimeUnit.MINUTES), "the S3 server did not come back");
                                }
                            }
                        }
                    }));
                }
                run.awaitSessions(12, "sessions before the S3 server stops");
                s3.stop();
                enoughFailures.set(run.failedSessions() + 12);
                run.awaitFailedSessions(enoughFailures.get(), "sessions refused while the S3 server is down");
                for (int slot = 0; slot < SERVERS; slot++) {
                    assertTrue(run.server(slot).isAlive(), "server " + slot + " keeps running without its bucket");
                }
                s3.restart();
                back.countDown();
                int[] before = run.storedSnapshot();
                for (int slot = 0; slot < SERVERS; slot++) {
                    run.awaitStored(slot, before[slot] + 5, "uploads on server " + slot + " after the S3 server is back");
                }
                run.finish();
                threads.shutdown();
                assertTrue(threads.awaitTermination(2, TimeUnit.MINUTES), "the workers did not stop");
                run.throwIfFailed();

                long failureLines = 0;
                for (int slot = 0; slot < SERVERS; slot++) {
                    String log = run.server(slot).log();
                    assertTrue(log.contains("files: the object store answers again"), log);
                    failureLines += log.lines().filter(l -> l.contains("files: ") && l.contains("object store")
                            && !l.contains("answers again")).count();
                }
                assertTrue(failureLines >= 1 && failureLines < run.failedSessions(), "failures are reported once in"
                        + " a while, not each: " + failureLines + " lines for " + run.failedSessions() + " failed sessions");
                for (int slot = 0; slot < SERVERS; slot++) {
                    assertEquals(0, run.server(slot).stop());
                }
            } finally {
                run.finish();
                back.countDown();
                run.closeAll();
                threads.shutdownNow();
                if (!s3.isRunning()) {
                    s3.restart();
                }
            }

            assertTrue(confirmed.size() >= 12 + 3 * 5, "confirmed " + confirmed.size());
            for (Map.Entry<FileKey, String> e : confirmed.entrySet()) {
                String key = "files/" + e.getKey().clientHex() + "/" + e.getKey().name();
                assertEquals(e.getValue(), bucket.sha256(key), "confirmed by 1604 but not in the bucket as sent: " + key);
            }
            List<String> keys = bucket.keys("files/");
            for (String recorded : recordedPathNames(db)) {
                assertTrue(keys.contains(recorded), "recorded but not in the bucket: " + recorded);
            }
            assertTrue(keys.stream().noneMatch(k -> k.contains("/.upload-")), "a temporary key is left: " + keys);
            assertEquals(List.of(), bucket.pendingUploads(), "a multipart upload is left open");
        }
    }

    private static String server(List<ServerProcess> servers, int slot) {
        return "127.0.0.1:" + servers.get(slot).address().getPort();
    }

    /** The path names of every file and version the database records. */
    private static List<String> recordedPathNames(String url) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, "");
             PreparedStatement s = c.prepareStatement("SELECT path_name FROM files UNION ALL SELECT path_name FROM file_versions");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private static int recordedFiles(String url, Client.Identity client) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, "");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM files WHERE client_id = ?")) {
            s.setBytes(1, HexFormat.of().parseHex(client.id().hex()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** Regular files under a server's data folder's {@code files/}. */
    private static List<Path> filesIn(Path data) throws IOException {
        Path files = data.resolve("files");
        if (!Files.exists(files)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(files)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    private static final long MIB = 1024 * 1024;

    /** The most bytes a loopback connection holds in flight: the kernel's largest TCP send and receive buffers. */
    private static long socketBuffersAtMost() throws IOException {
        return largest("/proc/sys/net/ipv4/tcp_wmem") + largest("/proc/sys/net/ipv4/tcp_rmem");
    }

    /** The third field (min, default, max) of a TCP buffer setting. */
    private static long largest(String setting) throws IOException {
        // by lines: Files.readString gave one byte of this /proc file here
        String[] fields = Files.readAllLines(Path.of(setting)).getFirst().strip().split("\\s+");
        return Long.parseLong(fields[2]);
    }

    /** One run of the packaged client in a folder of its own, its output kept. */
    record ClientRun(int exit, String out, String err) {
        static ClientRun of(Path folder, Path work, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(ServerProcess.DIST.resolve("bin/dropvault-client")
                    .toAbsolutePath().toString(), "--no-progress"));
            command.addAll(List.of(args));
            Path out = Files.createTempFile(work, "client", ".out");
            Path err = Files.createTempFile(work, "client", ".err");
            Process p = new ProcessBuilder(command).directory(folder.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the client did not finish: " + Files.readString(err));
            }
            return new ClientRun(p.exitValue(), Files.readString(out), Files.readString(err));
        }
    }
}
