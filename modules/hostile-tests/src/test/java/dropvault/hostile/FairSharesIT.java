package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two findings of the red team against the packaged server with its default settings, from
 * several loopback addresses (every 127.x.y.z is this machine, each a source of its own): one
 * source holding every upload slot with a slow drip, and a flood of idle connections filling
 * max.connections. Honest clients from other addresses are served throughout.
 */
class FairSharesIT {
    private static final String IN_FLIGHT = "dropvault_uploads_in_flight";
    private static final String REFUSED = "dropvault_responses_total{code=\"1607\"}";
    /** The session line of an upload dropped for its rate. */
    private static final String TOO_SLOW =
            "result=dropped: upload unfinished, arriving slower than limits.upload.min.bytes.per.second";

    @TempDir
    Path work;

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Waits for what the server's own figures say: never for a length of time. */
    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            Thread.sleep(20); // polling the server's figures, not a pause the test depends on
        }
    }

    private static double metric(ServerProcess server, String sample) {
        try {
            return server.metric(sample);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The first packet of the longest upload there is: 65,535 packets of 16 bytes, the rest of it never sent. */
    private static FilePacket dripStart(int n) {
        return new FilePacket(16L * 65_535, 16L * 65_535 - 1, 1, 65_535, NameField.utf8("drip " + n + ".bin"),
                new byte[16]);
    }

    /**
     * Opens {@code connections} from {@code source}, each reconnected as one of {@code holders} and
     * beginning an upload; returns once the server took or refused every one of them.
     */
    private static List<Wire> holdSlots(ServerProcess server, InetAddress source, List<Client.Identity> holders,
                                        int connections) throws Exception {
        double before = metric(server, IN_FLIGHT) + metric(server, REFUSED);
        List<Wire> wires = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Wire w = new Wire(server.address(), source);
            wires.add(w);
            Client.Identity who = holders.get(i % holders.size());
            Client.reconnect(w, who.id(), who.name());
            w.send(who.id(), dripStart(i));
        }
        until("every upload of " + source.getHostAddress() + " was taken or refused",
                () -> metric(server, IN_FLIGHT) + metric(server, REFUSED) == before + connections);
        return wires;
    }

    /** Honest clients, each from its own address, register and store a file each at once. */
    private static void honestClientsStore(ServerProcess server, int firstAddress, int clients, String tag)
            throws Exception {
        List<Future<?>> stored = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                InetAddress from = loopback(firstAddress + i);
                String name = tag + " " + i;
                byte[] plain = Client.randomBytes(firstAddress + i, 20_000 + i);
                stored.add(pool.submit(() -> {
                    try (Wire w = new Wire(server.address(), from)) {
                        Client.Identity who = Client.register(w, name);
                        Client.store(w, who, NameField.utf8("honest.bin"), plain);
                    }
                    return null;
                }));
            }
            for (Future<?> f : stored) {
                f.get(2, TimeUnit.MINUTES);
            }
        }
    }

    /**
     * One client from 127.0.0.2 tries to hold all 128 upload slots, 32 clients from 127.0.0.3 try the
     * same: they get 4 and 16. Honest clients from 20 other addresses store their files meanwhile; the
     * held uploads, which send nothing more, are dropped at the end of their first window (30 s) for
     * arriving slower than the minimum rate.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void uploadSlotsAreSharedBySourceAndClientAndADripIsDropped() throws Exception {
        ServerProcess.Options options = new ServerProcess.Options(work, work.resolve("data")).withDefaultLimits()
                .withMetrics();
        List<Wire> held = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(options)) {
            try {
                InetAddress one = loopback(2);
                Client.Identity holder;
                try (Wire w = new Wire(server.address(), one)) {
                    holder = Client.register(w, "holder");
                }
                held.addAll(holdSlots(server, one, List.of(holder), 128));
                assertEquals(4.0, metric(server, IN_FLIGHT), "one client holds 4 (limits.uploads.per.client)");
                assertEquals(124.0, metric(server, REFUSED));

                InetAddress many = loopback(3);
                List<Client.Identity> holders = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    try (Wire w = new Wire(server.address(), many)) {
                        holders.add(Client.register(w, "holder " + i));
                    }
                }
                held.addAll(holdSlots(server, many, holders, 128));
                assertEquals(4.0 + 16, metric(server, IN_FLIGHT), "one source holds 16 (limits.uploads.per.source)");

                honestClientsStore(server, 10, 20, "honest");
                assertEquals(0.0, metric(server, "dropvault_penalties_imposed_total"), "a share is no misconduct");

                // the drips send nothing more: each held upload gets 1607 at the end of its first window
                assertEquals(256, held.size());
                for (Wire w : held) {
                    assertEquals(List.of(1607), w.codesUntilClosed());
                }
                assertEquals(0.0, metric(server, IN_FLIGHT));
                honestClientsStore(server, 40, 5, "after");
            } finally {
                Wire.closeAll(held);
            }
            assertEquals(0, server.stop());
            String log = server.log();
            assertTrue(log.contains("(limits.uploads.per.client)"), log);
            assertTrue(log.contains("(limits.uploads.per.source)"), log);
            assertTrue(log.contains("dropped an upload from 127.0.0."), log);
            assertEquals(20, log.split(TOO_SLOW, -1).length - 1, "the 20 held uploads were dropped for their rate");
        }
    }

    /** Opens {@code count} connections from {@code source} that send nothing. */
    private static void idle(ServerProcess server, InetAddress source, int count, List<Wire> into) throws IOException {
        for (int i = 0; i < count; i++) {
            into.add(new Wire(server.address(), source));
        }
    }

    /**
     * 3,000 idle connections against max.connections 2,000 from three addresses, one of them making
     * 2,200: it gets 1,000 (limits.connections.per.source), and the idle connections hold at most
     * half of the server (limits.connections.unkeyed.percent), the one idle longest closed for each new
     * one. An honest client from another address registers and stores a file within seconds, ten
     * times, while 100 more idle connections come from a fresh address before each.
     */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aFloodOfIdleConnectionsLeavesRoomForHonestClients() throws Exception {
        int maxConnections = 2000;
        ServerProcess.Options options = new ServerProcess.Options(work, work.resolve("data")).withDefaultLimits()
                .withMetrics().set("max.connections", maxConnections);
        List<Wire> flood = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(options)) {
            try {
                idle(server, loopback(2), 2200, flood);
                idle(server, loopback(3), 400, flood);
                idle(server, loopback(4), 400, flood);
                InetAddress honest = loopback(9);
                long slowest = 0;
                for (int i = 0; i < 10; i++) {
                    idle(server, loopback(20 + i), 100, flood);
                    long start = System.nanoTime();
                    try (Wire w = new Wire(server.address(), honest)) {
                        Client.Identity who = Client.register(w, "honest " + i);
                        Client.store(w, who, NameField.utf8("honest.bin"), Client.randomBytes(i, 50_000));
                    } catch (SocketException e) {
                        throw new AssertionError("honest client " + i + " was shut out: " + e, e);
                    }
                    slowest = Math.max(slowest, System.nanoTime() - start);
                }
                System.out.println("flood: " + flood.size() + " idle connections; slowest honest session "
                        + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms");
                assertTrue(slowest < TimeUnit.SECONDS.toNanos(5), "an honest session took "
                        + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms");
                // the idle connections closed for room end on their own threads: wait for the server's count
                until("the idle connections hold at most half the server",
                        () -> metric(server, "dropvault_connections_open") <= maxConnections / 2);
            } finally {
                Wire.closeAll(flood);
            }
            assertEquals(0, server.stop());
            String log = server.log();
            assertTrue(log.contains("turned away connections from 127.0.0.2: it holds 1000 connections already"), log);
            assertTrue(log.contains("to make room"), log);
        }
    }
}
