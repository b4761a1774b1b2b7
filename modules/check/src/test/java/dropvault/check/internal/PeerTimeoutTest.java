package dropvault.check.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server that stops reading cannot block a write for ever: the watchdog ends it after the timeout. */
class PeerTimeoutTest {

    @Test
    void aStalledWriteEndsAfterTheTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Peer peer = Peer.connect("127.0.0.1", server.getLocalPort(), Duration.ofMillis(500));
            try (Socket accepted = server.accept(); peer) {
                byte[] big = new byte[1 << 20];
                StepTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                        assertThrows(StepTimeoutException.class, () -> {
                            for (int i = 0; i < 1024; i++) {
                                peer.send(big);
                            }
                        }));
                assertTrue(e.getMessage().contains("read nothing for 500 ms"), e.getMessage());
            }
        }
    }

    @Test
    void aSilentServerEndsARead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Peer peer = Peer.connect("127.0.0.1", server.getLocalPort(), Duration.ofMillis(300));
            try (Socket accepted = server.accept(); peer) {
                StepTimeoutException e = assertThrows(StepTimeoutException.class, peer::read);
                assertTrue(e.getMessage().contains("no answer within 300 ms"), e.getMessage());
            }
        }
    }
}
