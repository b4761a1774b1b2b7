package dropvault.transport;

import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One accepted connection as its {@link ConnectionHandler} sees it. Until the handler marks it
 * keyed, it is one of the connections the server may close, the one idle longest first, to make
 * room for a new one ({@link TcpServer.Builder#maxUnkeyedConnections}).
 */
public interface Connection {
    Socket socket();

    /** The client's address: the socket's peer or, with the PROXY protocol on, the one its header gave. */
    InetSocketAddress peer();

    /**
     * The public key (X.509 SubjectPublicKeyInfo, DER) whose private key the peer proved it holds: that
     * of the certificate it presented in a TLS handshake. Empty without TLS or without a certificate.
     */
    default java.util.Optional<byte[]> provenKey() {
        return TlsSockets.provenKey(socket());
    }

    /** The peer has proved itself (to the server: a key exchange); it is no longer closed to make room. */
    void markKeyed();

    boolean keyed();

    /** The peer did something (a frame arrived): it is idle from now, not from before. */
    void active();

    /** A connection no {@link TcpServer} manages (a handler called directly): marks are only remembered. */
    static Connection of(Socket socket, InetSocketAddress peer) {
        return new BasicConnection(socket, peer);
    }
}
