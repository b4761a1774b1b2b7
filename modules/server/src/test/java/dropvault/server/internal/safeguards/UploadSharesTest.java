package dropvault.server.internal.safeguards;

import static dropvault.server.internal.safeguards.SharesTestSupport.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.server.Safeguards;
import dropvault.server.spi.ServerLimitException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

class UploadSharesTest {
    private static final InetAddress A = address("192.0.2.7");
    private static final InetAddress B = address("192.0.2.8");

    private static UploadShares shares(int perSource, int perClient, String... exempt) {
        Safeguards s = Safeguards.defaults().toBuilder().uploadsPerSource(perSource).uploadsPerClient(perClient)
                .exempt(List.of(exempt)).build();
        return SharesTestSupport.shares(s, SharesTestSupport.NEVER).uploads();
    }

    private static ClientId client(int n) {
        byte[] id = new byte[16];
        id[15] = (byte) n;
        return ClientId.of(id);
    }

    @Test
    void oneClientHoldsAtMostItsShareFromAnySource() throws Exception {
        UploadShares shares = shares(16, 4);
        Semaphore server = new Semaphore(128);
        List<UploadShares.Slot> slots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slots.add(shares.take(i % 2 == 0 ? A : B, client(1), server));
        }
        ServerLimitException e = assertThrows(ServerLimitException.class, () -> shares.take(A, client(1), server));
        assertTrue(e.getMessage().contains("limits.uploads.per.client"), e.getMessage());
        assertEquals(124, server.availablePermits(), "a refused upload holds nothing");
        assertEquals(2, shares.heldFrom(A), "nor a share of its source");
        shares.take(A, client(2), server);
        slots.get(0).release();
        slots.get(0).release();
        assertEquals(3, shares.heldBy(client(1)), "released once");
        shares.take(A, client(1), server);
        assertEquals(1, shares.refused());
    }

    @Test
    void oneSourceHoldsAtMostItsShareForAnyClients() throws Exception {
        UploadShares shares = shares(16, 4);
        Semaphore server = new Semaphore(128);
        for (int i = 0; i < 16; i++) {
            shares.take(A, client(i), server);
        }
        ServerLimitException e = assertThrows(ServerLimitException.class, () -> shares.take(A, client(99), server));
        assertTrue(e.getMessage().contains("limits.uploads.per.source"), e.getMessage());
        assertEquals(0, shares.heldBy(client(99)));
        shares.take(B, client(99), server);
        assertEquals(112 - 1, server.availablePermits());
    }

    @Test
    void theServersOwnLimitComesLastAndIsNoShareRefused() throws Exception {
        UploadShares shares = shares(16, 4);
        Semaphore server = new Semaphore(1);
        UploadShares.Slot slot = shares.take(A, client(1), server);
        ServerLimitException e = assertThrows(ServerLimitException.class, () -> shares.take(B, client(2), server));
        assertEquals("the server takes no more uploads at once", e.getMessage());
        assertEquals(0, shares.heldFrom(B));
        assertEquals(0, shares.heldBy(client(2)));
        assertEquals(0, shares.refused());
        slot.release();
        shares.take(B, client(2), server);
    }

    @Test
    void anExemptSourceHasNoShareButItsClientsDo() throws Exception {
        UploadShares shares = shares(1, 2, "192.0.2.0/24");
        Semaphore server = new Semaphore(128);
        for (int i = 0; i < 10; i++) {
            shares.take(A, client(i), server);
        }
        shares.take(A, client(0), server);
        assertThrows(ServerLimitException.class, () -> shares.take(A, client(0), server));
    }

    @Test
    void anUploadWithoutAClientCountsForItsSourceOnly() throws Exception {
        UploadShares shares = shares(1, 1);
        Semaphore server = new Semaphore(128);
        UploadShares.Slot slot = shares.take(A, null, server);
        assertThrows(ServerLimitException.class, () -> shares.take(A, null, server));
        slot.release();
        shares.take(A, null, server);
    }
}
