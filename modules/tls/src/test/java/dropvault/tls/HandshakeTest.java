package dropvault.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Handshakes between the two providers on loopback, and the client's judgement of what it was shown. */
class HandshakeTest {
    private static final ServerCredentials SERVER = ServerCredentials.selfSigned("127.0.0.1", Instant.now(),
            ServerCredentials.NO_EXPIRY);

    @TempDir
    Path dir;

    /** A TLS server that echoes what it reads, and counts the bytes of the protocol that reached it. */
    private record Echo(SSLServerSocket socket, CompletableFuture<Long> received) implements AutoCloseable {
        static Echo start(ServerCredentials credentials, String provider) throws Exception {
            SSLContext c = credentials.serverContext(TlsProvider.choose(provider));
            SSLServerSocket ss = (SSLServerSocket) c.getServerSocketFactory().createServerSocket(0, 4,
                    InetAddress.getLoopbackAddress());
            CompletableFuture<Long> received = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                long n = 0;
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    InputStream in = s.getInputStream();
                    int b;
                    while ((b = in.read()) >= 0) {
                        n++;
                        s.getOutputStream().write(b);
                    }
                } catch (IOException e) {
                    // a refused handshake ends here
                }
                received.complete(n);
            });
            return new Echo(ss, received);
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        s.setSoTimeout(10_000);
        return s;
    }

    @ParameterizedTest
    @CsvSource({"conscrypt, conscrypt", "conscrypt, jdk", "jdk, conscrypt", "jdk, jdk"})
    void everyPairOfProvidersSpeaksTls13WithThePinnedFingerprint(String server, String client) throws Exception {
        try (Echo echo = Echo.start(SERVER, server)) {
            ServerTrust trust = ServerTrust.fingerprint(Optional.of(SERVER.fingerprint()));
            SSLContext c = TlsClient.context(TlsProvider.choose(client), trust);
            try (SSLSocket s = TlsClient.handshake(connect(echo.port()), c, "127.0.0.1", echo.port())) {
                assertEquals("TLSv1.3", s.getSession().getProtocol());
                s.getOutputStream().write(new byte[] {3, 0x39, 0x03});
                assertEquals(3, s.getInputStream().read());
            }
            assertEquals(3L, echo.received().get(30, TimeUnit.SECONDS));
            assertEquals(SERVER.fingerprint(), trust.presentedFingerprint().orElseThrow());
            assertTrue(trust.refusal().isEmpty());
        }
    }

    @ParameterizedTest
    @CsvSource({"conscrypt", "jdk"})
    void anotherFingerprintIsRefusedInTheHandshakeBeforeAnyByte(String client) throws Exception {
        ServerCredentials impostor = ServerCredentials.selfSigned("127.0.0.1", Instant.now(), ServerCredentials.NO_EXPIRY);
        try (Echo echo = Echo.start(impostor, "conscrypt")) {
            ServerTrust trust = ServerTrust.fingerprint(Optional.of(SERVER.fingerprint()));
            SSLContext c = TlsClient.context(TlsProvider.choose(client), trust);
            assertThrows(SSLException.class, () -> TlsClient.handshake(connect(echo.port()), c, "127.0.0.1",
                    echo.port()));
            assertEquals(ServerTrust.Reason.CHANGED, trust.refusal().orElseThrow().reason());
            assertEquals(impostor.fingerprint(), trust.presentedFingerprint().orElseThrow());
            assertEquals(0L, echo.received().get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void anExpiredCertificateIsRefusedSayingWhen() throws Exception {
        Instant past = Instant.now().minus(30, ChronoUnit.DAYS);
        ServerCredentials expired = ServerCredentials.selfSigned("127.0.0.1", past, past.plus(1, ChronoUnit.DAYS));
        try (Echo echo = Echo.start(expired, "conscrypt")) {
            ServerTrust trust = ServerTrust.fingerprint(Optional.empty());
            SSLContext c = TlsClient.context(TlsProvider.choose("conscrypt"), trust);
            assertThrows(SSLException.class, () -> TlsClient.handshake(connect(echo.port()), c, "127.0.0.1",
                    echo.port()));
            ServerTrust.Refusal r = trust.refusal().orElseThrow();
            assertEquals(ServerTrust.Reason.EXPIRED, r.reason());
            assertTrue(r.message().contains("expired on"), r.message());
        }
    }

    @Test
    void anAuthorityVerifiesTheCertificateAndItsHostName() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, ServerCredentials.pem(SERVER.certificate()));
        try (Echo echo = Echo.start(SERVER, "jdk")) {
            ServerTrust trust = ServerTrust.authorities(Optional.of(ca), "127.0.0.1");
            try (SSLSocket s = TlsClient.handshake(connect(echo.port()),
                    TlsClient.context(TlsProvider.choose("conscrypt"), trust), "127.0.0.1", echo.port())) {
                assertEquals("TLSv1.3", s.getSession().getProtocol());
            }
        }
        try (Echo echo = Echo.start(SERVER, "jdk")) {
            ServerTrust wrongName = ServerTrust.authorities(Optional.of(ca), "localhost");
            assertThrows(SSLException.class, () -> TlsClient.handshake(connect(echo.port()),
                    TlsClient.context(TlsProvider.choose("conscrypt"), wrongName), "localhost", echo.port()));
            assertTrue(wrongName.refusal().orElseThrow().message().contains("is not for localhost"),
                    wrongName.refusal().orElseThrow().message());
        }
        ServerCredentials other = ServerCredentials.selfSigned("127.0.0.1", Instant.now(), ServerCredentials.NO_EXPIRY);
        try (Echo echo = Echo.start(other, "jdk")) {
            ServerTrust untrusted = ServerTrust.authorities(Optional.of(ca), "127.0.0.1");
            assertThrows(SSLException.class, () -> TlsClient.handshake(connect(echo.port()),
                    TlsClient.context(TlsProvider.choose("jdk"), untrusted), "127.0.0.1", echo.port()));
            assertEquals(ServerTrust.Reason.UNTRUSTED, untrusted.refusal().orElseThrow().reason());
        }
    }

    @Test
    void aPeerThatSpeaksNoTlsIsDescribedAsSuch() throws Exception {
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = plain.accept()) {
                    // a dropvault server's 1607 to a frame it cannot read
                    s.getOutputStream().write(new byte[] {3, 0x47, 0x06, 0, 0, 0, 0});
                    s.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // the client went away
                }
            });
            SSLContext c = TlsClient.context(TlsProvider.choose("conscrypt"), ServerTrust.fingerprint(Optional.empty()));
            SSLException e = assertThrows(SSLException.class, () -> TlsClient.handshake(connect(plain.getLocalPort()), c,
                    "127.0.0.1", plain.getLocalPort()));
            assertTrue(TlsClient.describe(e).startsWith("the server does not speak TLS there"), TlsClient.describe(e));
        }
    }
}
