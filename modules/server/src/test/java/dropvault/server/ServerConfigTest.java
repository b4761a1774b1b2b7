package dropvault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void defaultsAreSafe() {
        ServerConfig d = ServerConfig.defaults();
        assertEquals(1256, d.port());
        assertEquals("0.0.0.0", d.bindAddress().getHostAddress());
        assertEquals(Path.of("data"), d.dataDir());
        assertEquals("jdk", d.cryptoProvider());
        assertEquals("mapdb", d.storeProvider());
        assertEquals(131072, d.maxPacketData());
        assertEquals(Duration.ofSeconds(60), d.idleTimeout());
        assertEquals(11_000, d.maxConnections());
        assertEquals(1L << 30, d.maxFileSize());
        assertEquals(128, d.maxConcurrentUploads());
        assertEquals(Duration.ofSeconds(5), d.shutdownGrace());
    }

    @Test
    void everyKeyIsRead() {
        Properties p = new Properties();
        p.setProperty("port", "7000");
        p.setProperty("bind", "127.0.0.1");
        p.setProperty("data", "/srv/dropvault");
        p.setProperty("crypto.provider", "conscrypt");
        p.setProperty("store.provider", "other");
        p.setProperty("max.packet.data", " 8192 ");
        p.setProperty("idle.timeout.seconds", "5");
        p.setProperty("max.connections", "3");
        p.setProperty("max.file.size", "4294967279");
        p.setProperty("max.concurrent.uploads", "2");
        p.setProperty("shutdown.grace.seconds", "0");
        ServerConfig c = ServerConfig.fromProperties(p, ServerConfig.defaults());
        assertEquals(ServerConfig.defaults().toBuilder().port(7000).bindAddress(ServerConfig.address("127.0.0.1"))
                .dataDir(Path.of("/srv/dropvault")).cryptoProvider("conscrypt").storeProvider("other").maxPacketData(8192)
                .idleTimeout(Duration.ofSeconds(5)).maxConnections(3).maxFileSize(4294967279L).maxConcurrentUploads(2)
                .shutdownGrace(Duration.ZERO).build(), c);
    }

    @Test
    void the901AnswerWaitsTwoSecondsByDefaultAndCanBeTurnedOff() {
        assertEquals(java.util.Optional.of(Duration.ofSeconds(2)), ServerConfig.defaults().resendAnswerWait());
        Properties p = new Properties();
        p.setProperty("resend.answer.wait.millis", "250");
        assertEquals(java.util.Optional.of(Duration.ofMillis(250)),
                ServerConfig.fromProperties(p, ServerConfig.defaults()).resendAnswerWait());
        p.setProperty("resend.answer", "false");
        assertEquals(java.util.Optional.empty(), ServerConfig.fromProperties(p, ServerConfig.defaults()).resendAnswerWait());
        p.setProperty("resend.answer", "maybe");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.fromProperties(p, ServerConfig.defaults()));
        assertEquals(true, e.getMessage().contains("resend.answer"), e.getMessage());
        p.setProperty("resend.answer", "true");
        p.setProperty("resend.answer.wait.millis", "-1");
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromProperties(p, ServerConfig.defaults()));
    }

    @Test
    void storeOptionsPassThroughWithoutTheirPrefix() {
        Properties p = new Properties();
        p.setProperty("store.option.mapdb.failCommitsWhileExists", " /tmp/trigger ");
        p.setProperty("store.option.mapdb.file", "other.db");
        p.setProperty("store.provider", "mapdb");
        ServerConfig c = ServerConfig.fromProperties(p, ServerConfig.defaults());
        assertEquals(java.util.Map.of("mapdb.failCommitsWhileExists", "/tmp/trigger", "mapdb.file", "other.db"),
                c.storeOptions());
        assertEquals(c.storeOptions(), c.withPort(1).withDataDir(Path.of("x")).storeOptions());
        assertEquals(java.util.Map.of(), ServerConfig.defaults().storeOptions());
    }

    @Test
    void badValuesNameTheirKey() {
        for (String[] kv : new String[][] {{"port", "70000"}, {"max.packet.data", "1000"}, {"idle.timeout.seconds", "0"},
                {"max.connections", "0"}, {"max.file.size", "4294967280"}, {"max.concurrent.uploads", "-1"},
                {"shutdown.grace.seconds", "-1"}, {"port", "x"}}) {
            Properties p = new Properties();
            p.setProperty(kv[0], kv[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServerConfig.fromProperties(p, ServerConfig.defaults()), kv[0]);
            assertEquals(kv[0], e.getMessage().substring(0, kv[0].length()), e.getMessage());
        }
    }

    @Test
    void tlsIsOffByDefaultAndItsSettingsAreRead() {
        ServerConfig d = ServerConfig.defaults();
        assertTrue(d.tlsPort().isEmpty());
        assertTrue(d.plainEnabled());
        assertEquals("auto", d.tlsProvider());
        Properties p = new Properties();
        p.setProperty("tls.port", "0");
        p.setProperty("plain.enabled", "false");
        p.setProperty("tls.certificate", "/etc/dv/c.pem");
        p.setProperty("tls.private.key", "/etc/dv/k.pem");
        p.setProperty("tls.provider", " JDK ");
        ServerConfig c = ServerConfig.fromProperties(p, d);
        assertEquals(java.util.OptionalInt.of(0), c.tlsPort());
        assertFalse(c.plainEnabled());
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/etc/dv/c.pem")), c.tlsCertificate());
        assertEquals(java.util.Optional.of(java.nio.file.Path.of("/etc/dv/k.pem")), c.tlsPrivateKey());
        assertEquals("jdk", c.tlsProvider());
        for (String[] kv : new String[][] {{"tls.port", "65536"}, {"plain.enabled", "no"}, {"tls.provider", "openssl"}}) {
            Properties bad = new Properties();
            bad.setProperty("tls.port", "1");
            bad.setProperty(kv[0], kv[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServerConfig.fromProperties(bad, d), kv[0]);
            assertTrue(e.getMessage().startsWith(kv[0]), e.getMessage());
        }
        Properties nowhere = new Properties();
        nowhere.setProperty("plain.enabled", "false");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromProperties(nowhere, d))
                .getMessage().contains("needs tls.port"));
        Properties half = new Properties();
        half.setProperty("tls.certificate", "c.pem");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServerConfig.fromProperties(half, d))
                .getMessage().contains("go together"));
    }

    @Test
    void unknownKeysAreNamedInOneWarningWithTheKeyTheyProbablyMeant() {
        Properties p = new Properties();
        p.setProperty("max.conections", "5");
        p.setProperty("idle.timeout", "9");
        p.setProperty("metrics.bind", "127.0.0.1:9100");
        p.setProperty("store.option.mapdb.file", "x.db");
        p.setProperty("completely.different", "1");
        assertEquals(java.util.Optional.of("unknown keys in the configuration, ignored: completely.different,"
                + " idle.timeout (did you mean idle.timeout.seconds?), max.conections (did you mean max.connections?)"),
                ServerConfig.unknownKeysWarning(p));
        Properties known = new Properties();
        for (String key : ServerConfig.KEYS) {
            known.setProperty(key, "x");
        }
        known.setProperty("store.option.anything", "y");
        assertEquals(java.util.Optional.empty(), ServerConfig.unknownKeysWarning(known));
    }
}
