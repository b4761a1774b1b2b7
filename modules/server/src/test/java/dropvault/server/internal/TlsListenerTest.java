package dropvault.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dropvault.protocol.ClientId;
import dropvault.protocol.OpaquePayload;
import dropvault.protocol.RequestEncoder;
import dropvault.protocol.ResponseDecoder;
import dropvault.server.Server;
import dropvault.server.ServerConfig;
import dropvault.tls.ServerTrust;
import dropvault.tls.TlsClient;
import dropvault.tls.TlsProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TLS listener in-process: the same dispatcher behind a PROXY header and a handshake, and its failures. */
class TlsListenerTest {
    @TempDir
    Path data;
    private LogLines lines;

    @BeforeEach
    void listen() {
        lines = LogLines.of("dropvault");
    }

    @AfterEach
    void stopListening() {
        lines.close();
    }

    private String await(String prefix) throws InterruptedException {
        return lines.await(prefix);
    }

    private Server start(String provider) throws Exception {
        ServerConfig config = ServerConfig.defaults().toBuilder().bindAddress(InetAddress.getLoopbackAddress()).port(0)
                .dataDir(data).proxyProtocol("v1").tlsPort(OptionalInt.of(0)).tlsProvider(provider)
                .idleTimeout(Duration.ofSeconds(2)).maxConnections(16).build();
        return Server.builder(config).handlers(List.of(new DispatcherTest.TestHandler())).store(new MemoryStore()).start();
    }

    private static Socket connect(InetSocketAddress to, String proxyFrom) throws IOException {
        Socket s = new Socket(to.getAddress(), to.getPort());
        s.setSoTimeout(30_000);
        s.getOutputStream().write(("PROXY TCP4 " + proxyFrom + " 198.51.100.1 40123 1256\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"conscrypt", "jdk"})
    void theSameDispatcherServesBehindThePROXYHeaderAndTheHandshake(String provider) throws Exception {
        try (Server server = start(provider)) {
            String started = await("TLS 1.3 with " + provider + "; certificate SHA256:");
            Matcher m = Pattern.compile("(SHA256:\\S{43})").matcher(started);
            assertTrue(m.find(), started);
            assertTrue(Files.isRegularFile(data.resolve("tls/certificate.pem")));
            InetSocketAddress tls = server.tlsAddress().orElseThrow();

            ServerTrust trust = ServerTrust.fingerprint(Optional.of(m.group(1)));
            try (SSLSocket s = TlsClient.handshake(connect(tls, "203.0.113.7"),
                    TlsClient.context(TlsProvider.choose(provider), trust), "127.0.0.1", tls.getPort())) {
                s.getOutputStream().write(RequestEncoder.encode(ClientId.ZERO,
                        new OpaquePayload(DispatcherTest.ECHO, new byte[] {1})));
                ResponseDecoder in = new ResponseDecoder(s.getInputStream(), 64);
                assertEquals(3000, in.read().orElseThrow().code());
            }
            assertTrue(await("session ").startsWith("session peer=/203.0.113.7:40123 "));

            // a plain client on the TLS port: one line, and the server goes on
            try (Socket plain = connect(tls, "203.0.113.8")) {
                plain.getOutputStream().write(RequestEncoder.encode(ClientId.ZERO,
                        new OpaquePayload(DispatcherTest.ECHO, new byte[] {1})));
                assertEquals(-1, readOrEnd(plain));
            }
            assertTrue(await("closed /203.0.113.8:40123: TLS handshake failed").lines().count() == 1);

            // a handshake that never comes is closed at the idle timeout, and the server still serves
            try (Socket silent = connect(tls, "203.0.113.9")) {
                assertEquals(-1, readOrEnd(silent));
            }
            try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write("PROXY TCP4 203.0.113.10 198.51.100.1 40123 1256\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(RequestEncoder.encode(ClientId.ZERO,
                        new OpaquePayload(DispatcherTest.ECHO, new byte[] {2})));
                assertEquals(3000, new ResponseDecoder(s.getInputStream(), 64).read().orElseThrow().code());
            }
        }
    }

    /** Reads until the server closes: -1 at the end of the stream (a reset counts as an end too). */
    private static int readOrEnd(Socket s) {
        try {
            while (s.getInputStream().read() >= 0) {
                // whatever the server sent before it closed (a TLS alert)
            }
            return -1;
        } catch (java.net.SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            return -1;
        }
    }
}
