package dropvault.server.internal.safeguards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SourceGroupsTest {

    @Test
    void nothingIsExemptByDefaultNotEvenLoopback() throws Exception {
        SourceGroups g = new SourceGroups(32, 64, List.of());
        assertFalse(g.exempt(InetAddress.getByName("127.0.0.1")));
        assertFalse(g.exempt(InetAddress.getByName("::1")));
    }

    @Test
    void exemptCidrs() throws Exception {
        SourceGroups g = new SourceGroups(32, 64, List.of("127.0.0.0/8", "10.1.0.0/16", "2001:db8::/32", "192.0.2.5"));
        assertTrue(g.exempt(InetAddress.getByName("127.9.9.9")));
        assertTrue(g.exempt(InetAddress.getByName("10.1.200.3")));
        assertFalse(g.exempt(InetAddress.getByName("10.2.0.1")));
        assertTrue(g.exempt(InetAddress.getByName("2001:db8:ffff::1")));
        assertFalse(g.exempt(InetAddress.getByName("2001:db9::1")));
        assertTrue(g.exempt(InetAddress.getByName("192.0.2.5")));
        assertFalse(g.exempt(InetAddress.getByName("192.0.2.6")));
        assertFalse(g.exempt(InetAddress.getByName("::1")), "IPv4 loopback is not IPv6 loopback");
    }

    @Test
    void badCidrsAreRefusedByName() {
        for (String bad : List.of("localhost", "10.0.0.0/33", "::/129", "10.0.0.0/x", "10.0.0.0/")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SourceGroups(32, 64, List.of(bad)));
            assertTrue(e.getMessage().contains("limits.exempt"), e.getMessage());
        }
    }

    @Test
    void ipv4AndIpv6NeverShareAGroup() throws Exception {
        SourceGroups g = new SourceGroups(32, 64, List.of());
        assertNotEquals(g.key(InetAddress.getByName("0.0.0.1")), g.key(InetAddress.getByName("::1")));
    }

    @Property
    void addressesSharingTheirFirst64BitsAreOneSource(@ForAll @Size(16) byte[] a, @ForAll @Size(8) byte[] tail)
            throws Exception {
        SourceGroups g = new SourceGroups(32, 64, List.of());
        byte[] b = a.clone();
        System.arraycopy(tail, 0, b, 8, 8);
        InetAddress x = InetAddress.getByAddress(a);
        InetAddress y = InetAddress.getByAddress(b);
        if (x.getAddress().length == 16 && y.getAddress().length == 16) {
            assertEquals(g.key(x), g.key(y));
        }
    }

    @Property
    void everyAddressInsideACidrIsExemptAndTheNextBlockIsNot(@ForAll @Size(4) byte[] address,
                                                             @ForAll @IntRange(min = 1, max = 31) int bits)
            throws Exception {
        long value = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(address).getInt());
        long mask = (0xFFFF_FFFFL << (32 - bits)) & 0xFFFF_FFFFL;
        long network = value & mask;
        String cidr = dotted(network) + "/" + bits;
        SourceGroups g = new SourceGroups(32, 64, List.of(cidr));
        assertTrue(g.exempt(InetAddress.getByName(dotted(value))), cidr);
        long outside = (network + (1L << (32 - bits))) & 0xFFFF_FFFFL;
        assertFalse(g.exempt(InetAddress.getByName(dotted(outside))), cidr + " and " + dotted(outside));
    }

    private static String dotted(long v) {
        return (v >> 24 & 0xFF) + "." + (v >> 16 & 0xFF) + "." + (v >> 8 & 0xFF) + "." + (v & 0xFF);
    }
}
