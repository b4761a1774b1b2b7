package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dropvault.protocol.ClientId;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SessionOutcomeTest {

    @Test
    void oneLineWithEverythingTheSessionCameTo() {
        SessionOutcome o = new SessionOutcome(new InetSocketAddress("127.0.0.1", 4000));
        o.client(ClientId.fromHex("00112233445566778899aabbccddeeff"));
        o.file("report.pdf");
        o.bytes(1234);
        o.result(dropvault.server.events.SessionResult.STORED, "stored");
        o.replied(1604);
        assertEquals("session peer=/127.0.0.1:4000 client=00112233445566778899aabbccddeeff file=report.pdf bytes=1234"
                + " result=stored last-reply=1604 dialect=spec", o.line());
    }

    @Test
    void theDialectSeenIsNamed() {
        SessionOutcome o = new SessionOutcome(new InetSocketAddress("127.0.0.1", 4000));
        o.dialect(java.util.Set.of(dropvault.protocol.DialectFeature.PER_PACKET));
        o.dialect(java.util.Set.of(dropvault.protocol.DialectFeature.SWAPPED));
        assertEquals(true, o.line().endsWith(" dialect=per-packet"), o.line());
        o.dialect(java.util.Set.of(dropvault.protocol.DialectFeature.FROM_ZERO));
        assertEquals(true, o.line().endsWith(" dialect=from-0+per-packet+swapped"), o.line());
    }

    @Test
    void wireTextCannotBreakTheLine() {
        SessionOutcome o = new SessionOutcome(new InetSocketAddress("127.0.0.1", 4000));
        o.result(dropvault.server.events.SessionResult.REFUSED, "refused 900: names 'a\nINFO: forged\r\u2028'");
        assertEquals("session peer=/127.0.0.1:4000 client=- file=- bytes=0 result=refused 900: names"
                + " 'a?INFO: forged??' last-reply=- dialect=spec", o.line());
    }
}
