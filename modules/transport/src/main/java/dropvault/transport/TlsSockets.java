package dropvault.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.security.cert.Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * The server's side of TLS 1.3 as a {@link SocketLayer}: the handshake runs on the connection's own
 * thread, and the whole of it must end within a deadline (the idle timeout), however slowly the peer
 * trickles its bytes. Only the JDK's {@code javax.net.ssl} is named here: which provider speaks TLS,
 * and with which certificate, is the {@link SSLContext}'s business.
 */
public final class TlsSockets {
    /** Closes the sockets of handshakes past their deadline; one daemon thread for every listener. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private TlsSockets() {
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("tls-handshake-deadlines").factory());
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /**
     * A layer that makes each accepted socket the server's end of a TLS 1.3 connection of
     * {@code context}, the handshake done within {@code handshakeTimeout}.
     */
    public static SocketLayer server(SSLContext context, Duration handshakeTimeout) {
        Objects.requireNonNull(context);
        long timeoutMillis = Math.max(1, handshakeTimeout.toMillis());
        return (Socket accepted, InetSocketAddress peer) -> {
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(accepted,
                    peer.getAddress().getHostAddress(), peer.getPort(), true);
            s.setUseClientMode(false);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.3"});
            // asked for, never required: a client without one is served as on the plain port
            p.setWantClientAuth(true);
            s.setSSLParameters(p);
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> closeQuietly(accepted), timeoutMillis,
                    TimeUnit.MILLISECONDS);
            try {
                s.startHandshake();
            } catch (IOException | RuntimeException e) {
                boolean late = !deadline.cancel(false);
                closeQuietly(s);
                throw new IOException("TLS handshake failed: " + (late ? "not done within " + timeoutMillis + " ms"
                        : oneLine(e.getMessage() != null ? e.getMessage() : e.toString())), e);
            }
            if (!deadline.cancel(false)) {
                // the deadline closed the socket as the handshake ended
                closeQuietly(s);
                throw new IOException("TLS handshake failed: not done within " + timeoutMillis + " ms");
            }
            return s;
        };
    }

    /**
     * The public key (X.509 SubjectPublicKeyInfo, DER) of the certificate the peer of {@code socket}
     * presented in its TLS handshake, which proved that it holds the private key; empty for a socket
     * without TLS or a peer that presented none.
     */
    public static Optional<byte[]> provenKey(Socket socket) {
        if (!(socket instanceof SSLSocket s)) {
            return Optional.empty();
        }
        try {
            Certificate[] peer = s.getSession().getPeerCertificates();
            return peer.length == 0 ? Optional.empty() : Optional.ofNullable(peer[0].getPublicKey().getEncoded());
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** A provider's message on one line (BoringSSL's span several). */
    static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing is all that was left to do
        }
    }
}
