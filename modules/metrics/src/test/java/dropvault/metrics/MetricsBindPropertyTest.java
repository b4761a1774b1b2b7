package dropvault.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** metrics.bind: every HOST:PORT comes back as it was written; anything else is an IllegalArgumentException. */
class MetricsBindPropertyTest {

    @Property(tries = 500)
    void anIpv4AddressAndPortRoundTrip(@ForAll @IntRange(min = 0, max = 255) int a, @ForAll @IntRange(min = 0, max = 255) int b,
                                       @ForAll @IntRange(min = 0, max = 65535) int port) {
        InetSocketAddress parsed = MetricsServer.parseAddress("127." + a + ".0." + b + ":" + port);
        assertEquals("127." + a + ".0." + b, parsed.getAddress().getHostAddress());
        assertEquals(port, parsed.getPort());
    }

    @Property(tries = 2_000)
    void anyTextParsesOrIsRefusedClearly(@ForAll String text) {
        try {
            InetSocketAddress parsed = MetricsServer.parseAddress(text);
            assertEquals(true, parsed.getPort() >= 0 && parsed.getPort() <= 65535);
        } catch (IllegalArgumentException e) {
            assertEquals(true, e.getMessage().startsWith("metrics.bind "), e.getMessage());
        }
    }
}
