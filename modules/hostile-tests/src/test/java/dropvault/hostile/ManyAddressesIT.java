package dropvault.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.crypto.CryptoSuites;
import dropvault.protocol.ClientId;
import dropvault.protocol.CrcReport;
import dropvault.protocol.FilePacket;
import dropvault.protocol.NameField;
import dropvault.protocol.PublicKeyRequest;
import dropvault.protocol.ReconnectRequest;
import dropvault.protocol.RegisterRequest;
import dropvault.protocol.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server with its default settings (loopback not exempt) against attackers that know a
 * client's name and id and use many source addresses (every 127.x.y.z is this machine's).
 */
class ManyAddressesIT {
    private static final NameField SECRET = NameField.utf8("secret.txt");

    @TempDir
    Path work;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aNameAndAnIdDoNotReplaceTheVictimsKey() throws Exception {
        Path data = work.resolve("data");
        byte[] secret = Client.randomBytes(23, 3000);
        byte[] attackerKey = CryptoSuites.jdk().encodePublicKey(CryptoSuites.jdk().generateKeyPair().getPublic());
        try (ServerProcess server = ServerProcess.start(defaults(data))) {
            Client.Identity victim;
            try (Wire w = new Wire(server.address(), source(1, 0, 1))) {
                victim = Client.register(w, "victim");
                Client.store(w, victim, SECRET, secret);
            }
            try (Wire w = new Wire(server.address(), source(2, 0, 1))) {
                w.send(victim.id(), new ReconnectRequest(NameField.of(victim.name())));
                w.expect(dropvault.protocol.Reconnected.class);
                w.send(victim.id(), new PublicKeyRequest(NameField.of(victim.name()), attackerKey));
                assertEquals(1607, w.readOrReset().map(Response::code).orElse(1607));
            }
            try (Wire w = new Wire(server.address(), source(1, 0, 1))) {
                Client.Identity again = Client.reconnect(w, victim.id(), victim.name());
                Client.store(w, again, NameField.utf8("after.txt"), secret);
            }
            assertArrayEquals(secret, Files.readAllBytes(data.resolve("files").resolve(victim.id().hex())
                    .resolve("secret.txt")));
        }
    }

    /**
     * 800 addresses guess at one client's uploads, twice each: the bound per victim stops them after 30
     * failed guesses whatever the sources, and whatever a lucky guess stored, nothing the victim
     * stored before is pruned (versions.keep=5, as the attack ran with).
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void guessesFromManyAddressesLoseNoByte() throws Exception {
        Path data = work.resolve("data");
        ServerProcess.Options options = defaults(data).set("versions.keep", 5);
        byte[] secret = Client.randomBytes(29, 5000);
        int addresses = 800;
        try (ServerProcess server = ServerProcess.start(options)) {
            Client.Identity victim;
            try (Wire w = new Wire(server.address(), source(1, 0, 1))) {
                victim = Client.register(w, "victim");
                Client.store(w, victim, SECRET, secret);
            }
            Random random = new Random(29);
            int accepted = 0;
            int replaced = 0;
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < addresses; i++) {
                    try (Wire w = new Wire(server.address(), source(3, i >> 8, i & 255))) {
                        w.send(victim.id(), new ReconnectRequest(NameField.of(victim.name())));
                        if (w.readOrReset().filter(r -> r.code() == 1605).isEmpty()) {
                            continue;
                        }
                        byte[] junk = new byte[16];
                        random.nextBytes(junk);
                        w.send(victim.id(), new FilePacket(16, 15, 1, 1, SECRET, junk));
                        if (w.readOrReset().filter(r -> r.code() == 1603).isPresent()) {
                            accepted++;
                            w.send(victim.id(), new CrcReport(CrcReport.Verdict.MATCHED, SECRET));
                            if (w.readOrReset().filter(r -> r.code() == 1604).isPresent()) {
                                replaced++;
                            }
                        }
                    } catch (SocketException e) {
                        // turned away at accept
                    }
                }
            }
            server.stop();
            int failed = count(server.log(), "decrypt to valid padding");
            System.out.println("guesses from " + addresses + " addresses: " + failed + " failed, " + accepted
                    + " accepted, " + replaced + " replaced");
            // the whole run takes well under two minutes: at most 30 failures in each
            assertTrue(failed + accepted <= 60 + 2, failed + " failed and " + accepted + " accepted guesses");
            Path folder = data.resolve("files").resolve(victim.id().hex());
            assertTrue(contains(folder, secret), "the victim's bytes are gone");
            assertEquals(1 + replaced, regularFiles(folder).size(), "every content confirmed is still on disk");
        }
    }

    /** One client's malformed frames cost its connections, not its neighbour's at the same address. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void twentyMalformedFramesDoNotShutOutANeighbour() throws Exception {
        Path data = work.resolve("data");
        InetAddress shared = source(4, 0, 1);
        try (ServerProcess server = ServerProcess.start(defaults(data))) {
            byte[] malformed = new byte[23 + 100];
            malformed[16] = 3;
            malformed[17] = (byte) (826 & 0xFF);
            malformed[18] = (byte) (826 >> 8);
            malformed[19] = 100; // a payload of 100 bytes for 826, which has 415
            for (int i = 0; i < 20; i++) {
                try (Wire w = new Wire(server.address(), shared)) {
                    w.sendRaw(malformed);
                    assertEquals(1607, w.readOrReset().map(Response::code).orElse(1607));
                }
            }
            long start = System.nanoTime();
            try (Wire w = new Wire(server.address(), shared)) {
                Client.Identity neighbour = Client.register(w, "neighbour");
                Client.store(w, neighbour, NameField.utf8("n.txt"), Client.randomBytes(31, 2000));
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 2000, "the neighbour took " + millis + " ms");
        }
    }

    /** 1,000 addresses registering at once: the registrations in all stay within the global rate. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRegistrationFloodFromManyAddressesIsBounded() throws Exception {
        Path data = work.resolve("data");
        try (ServerProcess server = ServerProcess.start(defaults(data))) {
            int registered = 0;
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                try (Wire w = new Wire(server.address(), source(5, i >> 8, i & 255))) {
                    for (int j = 0; j < 3; j++) {
                        w.send(ClientId.ZERO, new RegisterRequest(NameField.of("squat " + i + "." + j)));
                        if (w.readOrReset().filter(r -> r.code() == 1600).isPresent()) {
                            registered++;
                        }
                    }
                }
            }
            double minutes = (System.nanoTime() - start) / 60e9;
            System.out.println("registration flood: " + registered + " of 3000 in " + minutes * 60 + " s");
            assertTrue(registered <= 600 + 600 * minutes + 1, registered + " registrations in " + minutes + " min");
        }
    }

    private ServerProcess.Options defaults(Path data) {
        ServerProcess.Options options = new ServerProcess.Options(work, data);
        options.config.remove("limits.exempt");
        return options;
    }

    private static InetAddress source(int b, int c, int d) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, (byte) b, (byte) c, (byte) d});
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<Path> regularFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static boolean contains(Path folder, byte[] content) throws IOException {
        for (Path p : regularFiles(folder)) {
            if (Arrays.equals(content, Files.readAllBytes(p))) {
                return true;
            }
        }
        return false;
    }
}
