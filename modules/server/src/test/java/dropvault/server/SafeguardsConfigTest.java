package dropvault.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.storage.VersionPolicy;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SafeguardsConfigTest {

    @Test
    void everyKeyIsRead() {
        Properties p = new Properties();
        p.setProperty("versions.keep", "2");
        p.setProperty("versions.max.bytes", "1000");
        p.setProperty("penalty.seconds", "1");
        p.setProperty("penalty.min.seconds", "0");
        p.setProperty("penalty.max.seconds", "60");
        p.setProperty("limits.ipv4.prefix", "24");
        p.setProperty("limits.ipv6.prefix", "48");
        p.setProperty("limits.table.entries", "1000");
        p.setProperty("limits.exempt", " 127.0.0.0/8, ::1 ,");
        p.setProperty("limits.registrations.burst", "5");
        p.setProperty("limits.registrations.per.minute", "6");
        p.setProperty("max.clients", "7");
        p.setProperty("versions.min.age.days", "3");
        p.setProperty("limits.registrations.global.per.minute", "10");
        p.setProperty("limits.guesses.per.client.per.minute", "11");
        p.setProperty("limits.mistakes.per.minute", "12");
        p.setProperty("limits.connections.per.source", "13");
        p.setProperty("limits.connections.unkeyed.percent", "14");
        p.setProperty("limits.uploads.per.source", "15");
        p.setProperty("limits.uploads.per.client", "16");
        p.setProperty("limits.upload.min.bytes.per.second", "17");
        p.setProperty("registrations.expire.minutes", "18");
        p.setProperty("disk.reserve.bytes", "8");
        p.setProperty("quota.bytes.per.client", "9");
        Safeguards s = ServerConfig.fromProperties(p, ServerConfig.defaults()).safeguards();
        assertEquals(new Safeguards(new VersionPolicy(2, 1000, Duration.ofDays(3)), Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(60), 24, 48, 1000, List.of("127.0.0.0/8", "::1"), 5, 6, 10, 7, 11, 12, 13, 14, 15, 16,
                17, 8, 9, Duration.ofMinutes(18)), s);
    }

    /** The shipped conf/server.properties states the defaults; nothing is exempt, loopback included. */
    @Test
    void theShippedConfigurationHoldsTheDefaults() throws Exception {
        Path conf = Path.of("../../conf/server.properties");
        assertTrue(Files.exists(conf), conf.toAbsolutePath().toString());
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(conf)) {
            p.load(r);
        }
        Safeguards shipped = ServerConfig.fromProperties(p, ServerConfig.defaults()).safeguards();
        assertEquals(Safeguards.defaults(), shipped);
        assertEquals(List.of(), shipped.exempt());
    }

    @Test
    void badValuesNameTheirKey() {
        for (String[] kv : new String[][] {{"versions.keep", "-1"}, {"penalty.seconds", "0"},
                {"limits.ipv4.prefix", "33"}, {"limits.ipv6.prefix", "0"}, {"limits.table.entries", "3"},
                {"max.clients", "0"}, {"disk.reserve.bytes", "-2"}, {"quota.bytes.per.client", "x"},
                {"versions.min.age.days", "-1"}, {"limits.registrations.global.per.minute", "0"},
                {"limits.guesses.per.client.per.minute", "0"}, {"limits.mistakes.per.minute", "0"},
                {"limits.connections.per.source", "0"}, {"limits.connections.unkeyed.percent", "101"},
                {"limits.uploads.per.source", "0"}, {"limits.uploads.per.client", "0"},
                {"limits.upload.min.bytes.per.second", "-1"}, {"registrations.expire.minutes", "0"}}) {
            Properties p = new Properties();
            p.setProperty(kv[0], kv[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServerConfig.fromProperties(p, ServerConfig.defaults()), kv[0]);
            assertTrue(e.getMessage().contains(kv[0]), e.getMessage());
        }
    }
}
