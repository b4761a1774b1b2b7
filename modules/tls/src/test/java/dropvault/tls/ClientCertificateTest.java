package dropvault.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The certificate a client makes of its protocol key (RSA 1024, e = 17), and the server learning in the
 * handshake that the peer holds that key, for every pair of providers.
 */
class ClientCertificateTest {
    private static final ServerCredentials SERVER = ServerCredentials.selfSigned("127.0.0.1", Instant.now(),
            ServerCredentials.NO_EXPIRY);

    /** A key pair as the protocol's: 1024 bits, e = 17, made by {@code provider} (the JDK's when null). */
    static KeyPair protocolKeys(Provider provider) throws Exception {
        KeyPairGenerator g = provider == null ? KeyPairGenerator.getInstance("RSA")
                : KeyPairGenerator.getInstance("RSA", provider);
        g.initialize(new RSAKeyGenParameterSpec(1024, BigInteger.valueOf(17)), new SecureRandom());
        return g.generateKeyPair();
    }

    private static Provider provider(String name) {
        return name.equals("jdk") ? null : TlsProvider.choose(name).provider().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "conscrypt"})
    void theCertificatesKeyIsTheProtocolsOneHundredSixtyBytes(String maker) throws Exception {
        KeyPair pair = protocolKeys(provider(maker));
        byte[] wire = pair.getPublic().getEncoded();
        assertEquals(160, wire.length, "the protocol's public key field");
        ClientCertificate c = ClientCertificate.of(pair.getPrivate()).orElseThrow();
        assertArrayEquals(wire, c.publicKey());
        assertArrayEquals(wire, c.certificate().getPublicKey().getEncoded());
        // signed by itself
        c.certificate().verify(c.certificate().getPublicKey());
        assertEquals(c.certificate().getSubjectX500Principal(), c.certificate().getIssuerX500Principal());
        c.certificate().checkValidity();
        // made anew each time: nothing is kept
        assertTrue(!c.certificate().equals(ClientCertificate.of(pair.getPrivate()).orElseThrow().certificate()));
    }

    @Test
    void aKeyThatIsNotRsaMakesNoCertificate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        assertEquals(Optional.empty(), ClientCertificate.of(g.generateKeyPair().getPrivate()));
    }

    /** A TLS server that asks (does not require) a client certificate and reports the key it proved, if any. */
    private record Asking(SSLServerSocket socket, CompletableFuture<Optional<byte[]>> proven) implements AutoCloseable {
        static Asking start(String provider) throws Exception {
            SSLContext c = SERVER.serverContext(TlsProvider.choose(provider));
            SSLServerSocket ss = (SSLServerSocket) c.getServerSocketFactory().createServerSocket(0, 4,
                    InetAddress.getLoopbackAddress());
            ss.setWantClientAuth(true);
            CompletableFuture<Optional<byte[]>> proven = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.startHandshake();
                    Optional<byte[]> key;
                    try {
                        Certificate[] peer = s.getSession().getPeerCertificates();
                        key = Optional.of(peer[0].getPublicKey().getEncoded());
                    } catch (SSLPeerUnverifiedException e) {
                        key = Optional.empty();
                    }
                    s.getOutputStream().write(1);
                    s.getOutputStream().flush();
                    proven.complete(key);
                    s.getInputStream().read();
                } catch (IOException e) {
                    proven.completeExceptionally(e);
                }
            });
            return new Asking(ss, proven);
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Optional<byte[]> handshake(String server, String client, Optional<ClientCertificate> certificate)
            throws Exception {
        try (Asking asking = Asking.start(server)) {
            Socket raw = new Socket();
            raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), asking.port()), 10_000);
            raw.setSoTimeout(10_000);
            SSLContext c = TlsClient.context(TlsProvider.choose(client),
                    ServerTrust.fingerprint(Optional.of(SERVER.fingerprint())), certificate);
            try (SSLSocket s = TlsClient.handshake(raw, c, "127.0.0.1", asking.port())) {
                assertEquals("TLSv1.3", s.getSession().getProtocol());
                assertEquals(1, s.getInputStream().read());
            }
            return asking.proven().get(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @CsvSource({"conscrypt, conscrypt", "conscrypt, jdk", "jdk, conscrypt", "jdk, jdk"})
    void theServerLearnsThatThePeerHoldsTheProtocolKey(String server, String client) throws Exception {
        KeyPair pair = protocolKeys(provider(client));
        ClientCertificate c = ClientCertificate.of(pair.getPrivate()).orElseThrow();
        Optional<byte[]> proven = handshake(server, client, Optional.of(c));
        assertArrayEquals(pair.getPublic().getEncoded(), proven.orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"conscrypt, conscrypt", "conscrypt, jdk", "jdk, conscrypt", "jdk, jdk"})
    void aClientWithoutACertificateIsServedAndProvesNothing(String server, String client) throws Exception {
        assertEquals(Optional.empty(), handshake(server, client, Optional.empty()));
    }
}
