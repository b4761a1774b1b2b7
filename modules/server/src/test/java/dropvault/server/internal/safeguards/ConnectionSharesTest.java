package dropvault.server.internal.safeguards;

import static dropvault.server.internal.safeguards.SharesTestSupport.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.server.Safeguards;
import dropvault.transport.TcpServer;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConnectionSharesTest {
    private static final InetAddress A = address("192.0.2.7");
    private static final InetAddress B = address("192.0.2.8");

    private static Shares shares(Safeguards.Builder settings) {
        return SharesTestSupport.shares(settings.build(), SharesTestSupport.NEVER);
    }

    @Test
    void aSourceHoldsAtMostItsShareAndGetsItBackAsConnectionsEnd() {
        ConnectionShares c = shares(Safeguards.defaults().toBuilder().connectionsPerSource(3)).connections();
        for (int i = 0; i < 3; i++) {
            assertTrue(c.admit(A));
        }
        assertFalse(c.admit(A));
        assertTrue(c.admit(B), "another source has a share of its own");
        assertEquals(1, c.refused());
        c.released(A);
        assertTrue(c.admit(A));
        assertEquals(3, c.held(A));
    }

    @Test
    void anIpv6SourceIsItsSlash64() {
        ConnectionShares c = shares(Safeguards.defaults().toBuilder().connectionsPerSource(2)).connections();
        assertTrue(c.admit(address("2001:db8::1")));
        assertTrue(c.admit(address("2001:db8::2")));
        assertFalse(c.admit(address("2001:db8::ffff")));
        assertTrue(c.admit(address("2001:db8:0:1::1")));
    }

    @Test
    void anExemptSourceHasNoShare() {
        ConnectionShares c = shares(Safeguards.defaults().toBuilder().connectionsPerSource(1)
                .exempt(java.util.List.of("192.0.2.0/24"))).connections();
        for (int i = 0; i < 10; i++) {
            assertTrue(c.admit(A));
        }
        c.released(A);
        assertEquals(0, c.held(A));
        assertEquals(0, c.refused());
    }

    @Test
    void asTheServersAdmissionItAsksPenaltiesFirstAndCountsClosesForRoom() {
        ConnectionShares c = shares(Safeguards.defaults().toBuilder().connectionsPerSource(1)).connections();
        TcpServer.Admission admission = c.after(source -> !source.equals(B));
        assertFalse(admission.admit(B), "penalized: no share taken");
        assertEquals(0, c.held(B));
        assertTrue(admission.admit(A));
        assertFalse(admission.admit(A));
        admission.released(A);
        assertTrue(admission.admit(A));
        admission.closedForRoom(A);
        assertEquals(1, c.closedForRoom());
    }
}
