package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConnectionCapTest {

    @Test
    void aLimitWithRoomKeepsMaxConnections() {
        ConnectionCap cap = ConnectionCap.of(12_000, OptionalLong.of(20_000), 128);
        assertEquals(12_000, cap.connections());
        assertTrue(cap.warning().isEmpty());
    }

    @Test
    void aLowLimitLowersTheConnectionsAndSaysHowToRaiseIt() {
        ConnectionCap cap = ConnectionCap.of(12_000, OptionalLong.of(1024), 128);
        assertEquals(1024 - ConnectionCap.RESERVED_FILES - 128, cap.connections());
        String warning = cap.warning().orElseThrow();
        assertTrue(warning.contains("ulimit -n"), warning);
        assertTrue(warning.contains("1024") && warning.contains("12000") && warning.contains("max.connections"),
                warning);
    }

    @Test
    void aLimitBelowTheReserveStillServesOneConnection() {
        assertEquals(1, ConnectionCap.of(100, OptionalLong.of(32), 128).connections());
    }

    @Test
    void anUnknownLimitKeepsMaxConnections() {
        ConnectionCap cap = ConnectionCap.of(12_000, OptionalLong.empty(), 128);
        assertEquals(12_000, cap.connections());
        assertTrue(cap.warning().isEmpty());
    }
}
