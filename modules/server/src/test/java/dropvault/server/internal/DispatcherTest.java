package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.NameField;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.OpaqueResponse;
import dropvault.protocol.Request;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.RequestPayload;
import dropvault.protocol.Response;
import dropvault.protocol.ResponseDecoder;
import dropvault.server.Server;
import dropvault.server.ServerConfig;
import dropvault.server.ServerStartException;
import dropvault.server.spi.PendingUpload;
import dropvault.server.spi.RequestHandler;
import dropvault.server.spi.RequestRefusedException;
import dropvault.server.spi.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher and sessions with handlers of the test's own: what the server does around any plugin. */
class DispatcherTest {
    static final int ECHO = 2000;
    static final int FAIL = 2001;
    static final int REFUSE = 2002;
    static final int HOLD_UPLOAD = 2003;

    /** Serves plugin codes: echoes, throws, refuses, or holds an upload slot. */
    static final class TestHandler implements RequestHandler {
        final CountDownLatch discarded = new CountDownLatch(1);

        @Override
        public Set<Integer> codes() {
            return Set.of(ECHO, FAIL, REFUSE, HOLD_UPLOAD);
        }

        @Override
        public OptionalLong maxPayloadSize(int code) {
            return OptionalLong.of(8);
        }

        @Override
        public void handle(Request request, Session session) throws Exception {
            byte[] bytes = ((OpaquePayload) request.payload()).bytes();
            switch (request.code()) {
                case ECHO -> session.reply(new OpaqueResponse(3000, bytes));
                case FAIL -> throw new IllegalStateException("a bug in a plugin");
                case REFUSE -> throw new RequestRefusedException("not now");
                case HOLD_UPLOAD -> {
                    session.uploads().begin(new HeldUpload(discarded));
                    session.reply(new OpaqueResponse(3001, new byte[0]));
                }
                default -> throw new AssertionError(request.code());
            }
        }
    }

    /** An upload that tells when it is discarded; {@code complete}: all its packets are in. */
    record HeldUpload(CountDownLatch discarded, boolean complete) implements PendingUpload {
        HeldUpload(CountDownLatch discarded) {
            this(discarded, false);
        }

        @Override
        public NameField fileName() {
            return NameField.utf8("held");
        }

        @Override
        public long contentSize() {
            return 0;
        }

        @Override
        public long plaintextSize() {
            return 0;
        }

        @Override
        public long cksum() {
            return 0;
        }

        @Override
        public dropvault.storage.files.UploadTarget target() {
            return null;
        }

        @Override
        public void discard() {
            discarded.countDown();
        }
    }

    @TempDir
    Path data;
    TestHandler handler = new TestHandler();
    Server server;

    @BeforeEach
    void start() throws Exception {
        ServerConfig config = ServerConfig.defaults().withBindAddress(InetAddress.getLoopbackAddress()).withPort(0)
                .withDataDir(data).withLimits(16, 1, Duration.ofSeconds(30));
        server = Server.builder(config).handlers(List.of(handler)).store(new MemoryStore()).start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    /** One connection: sends frames, reads responses. */
    final class Connection implements AutoCloseable {
        final Socket socket = new Socket(server.address().getAddress(), server.address().getPort());
        final ResponseDecoder in;

        Connection() throws IOException {
            socket.setSoTimeout(30_000);
            in = new ResponseDecoder(socket.getInputStream(), 64);
        }

        Optional<Response> ask(RequestPayload payload) throws IOException {
            socket.getOutputStream().write(RequestEncoder.encode(ClientId.ZERO, payload));
            return in.read();
        }

        void expectErrorAndClose(RequestPayload payload) throws IOException {
            assertEquals(1607, ask(payload).orElseThrow().code());
            assertTrue(in.read().isEmpty(), "closed after 1607");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aPluginCodeIsServedWithinTheSizeItsHandlerDeclares() throws Exception {
        try (Connection c = new Connection()) {
            Response r = c.ask(new OpaquePayload(ECHO, new byte[] {1, 2, 3})).orElseThrow();
            assertEquals(3000, r.code());
            assertArrayEquals(new byte[] {1, 2, 3}, ((OpaqueResponse) r.payload()).bytes());
            c.expectErrorAndClose(new OpaquePayload(ECHO, new byte[9]));
        }
    }

    @Test
    void anExceptionEscapingAHandlerGets1607AndTheServerGoesOn() throws Exception {
        try (Connection c = new Connection()) {
            c.expectErrorAndClose(new OpaquePayload(FAIL, new byte[0]));
        }
        try (Connection c = new Connection()) {
            c.expectErrorAndClose(new OpaquePayload(REFUSE, new byte[0]));
        }
        try (Connection c = new Connection()) {
            assertEquals(3000, c.ask(new OpaquePayload(ECHO, new byte[0])).orElseThrow().code());
        }
    }

    @Test
    void codesNoHandlerServesGet1607() throws Exception {
        try (Connection c = new Connection()) {
            c.expectErrorAndClose(new dropvault.protocol.RegisterRequest(NameField.of("nobody serves 825 here")));
        }
    }

    @Test
    void uploadsAtOnceAreCappedAndADroppedConnectionDiscardsItsUpload() throws Exception {
        try (Connection first = new Connection()) {
            assertEquals(3001, first.ask(new OpaquePayload(HOLD_UPLOAD, new byte[0])).orElseThrow().code());
            try (Connection second = new Connection()) {
                second.expectErrorAndClose(new OpaquePayload(HOLD_UPLOAD, new byte[0]));
            }
        }
        handler.discarded.await();
        try (Connection third = new Connection()) {
            assertEquals(3001, third.ask(new OpaquePayload(HOLD_UPLOAD, new byte[0])).orElseThrow().code());
        }
    }

    @Test
    void twoHandlersForOneCodeStopTheStart() {
        ServerConfig config = ServerConfig.defaults().withBindAddress(InetAddress.getLoopbackAddress()).withPort(0)
                .withDataDir(data);
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> Server.builder(config).handlers(List.of(new TestHandler(), new TestHandler()))
                        .store(new MemoryStore()).start());
        assertTrue(e.getMessage().contains("claimed by two handlers"), e.getMessage());
    }

    @Test
    void anUnknownStoreStopsTheStart() {
        ServerConfig config = ServerConfig.defaults().withBindAddress(InetAddress.getLoopbackAddress()).withPort(0)
                .withDataDir(data).withStoreProvider("nope");
        ServerStartException e = assertThrows(ServerStartException.class,
                () -> Server.builder(config).handlers(List.of(new TestHandler())).start());
        assertTrue(e.getMessage().startsWith("no store named 'nope'"), e.getMessage());
    }
}
