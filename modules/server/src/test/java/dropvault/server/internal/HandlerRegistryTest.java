package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.FrameLimits;
import dropvault.protocol.Request;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.Session;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandlerRegistryTest {

    record Handler(String label, Set<Integer> codes, long maxPayload) implements RequestHandler {
        Handler(String label, Integer... codes) {
            this(label, Set.of(codes), -1);
        }

        @Override
        public OptionalLong maxPayloadSize(int code) {
            return maxPayload < 0 ? OptionalLong.empty() : OptionalLong.of(maxPayload);
        }

        @Override
        public void handle(Request request, Session session) {
        }
    }

    static final class OtherHandler implements RequestHandler {
        @Override
        public Set<Integer> codes() {
            return Set.of(826);
        }

        @Override
        public void handle(Request request, Session session) {
        }
    }

    @Test
    void twoHandlersForOneCodeAreNamedBoth() {
        Handler a = new Handler("a", 825, 826);
        RequestHandler b = new OtherHandler();
        DuplicateHandlerException e = assertThrows(DuplicateHandlerException.class,
                () -> HandlerRegistry.of(List.of(a, b), 1024));
        assertTrue(e.getMessage().startsWith("request code 826 is claimed by two handlers: "), e.getMessage());
        assertTrue(e.getMessage().contains(Handler.class.getName() + " (module dropvault.server, "), e.getMessage());
        assertTrue(e.getMessage().contains(OtherHandler.class.getName() + " (module dropvault.server, "), e.getMessage());
    }

    @Test
    void onlyServedCodesHaveLimits() {
        Handler a = new Handler("a", 825);
        HandlerRegistry r = HandlerRegistry.of(List.of(a), 4096);
        assertSame(a, r.handler(825));
        assertEquals(Set.of(825), r.codes());
        assertEquals(new FrameLimits.SizeRange(1, 255), r.limits().rangeFor(825).orElseThrow(), "825 may come unpadded");
        assertTrue(r.limits().rangeFor(828).isEmpty());
    }

    @Test
    void packetLimitsFollowTheConfiguredPacketSize() {
        HandlerRegistry r = HandlerRegistry.of(List.of(new Handler("u", 828)), 8192);
        assertEquals(267 + 8192, r.limits().rangeFor(828).orElseThrow().max());
    }

    @Test
    void aPluginCodeTakesTheSizeItsHandlerDeclares() {
        HandlerRegistry r = HandlerRegistry.of(List.of(new Handler("p", Set.of(2000), 64)), 1024);
        assertEquals(new FrameLimits.SizeRange(0, 64), r.limits().rangeFor(2000).orElseThrow());
    }

    @Test
    void aPluginCodeWithoutASizeOrOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HandlerRegistry.of(List.of(new Handler("p", 2000)), 1024));
        assertThrows(IllegalArgumentException.class,
                () -> HandlerRegistry.of(List.of(new Handler("p", Set.of(70_000), 10)), 1024));
    }
}
