package dropvault.server.spi;

import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import dropvault.protocol.ResponsePayload;
import dropvault.storage.Store;
import dropvault.storage.StoreException;
import dropvault.storage.files.FileArea;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * What a handler may use of the connection it serves: who it speaks for, its AES key, a reply, the
 * store, the files, the crypto suite, and a way to report misconduct. One session per connection;
 * its handlers run one at a time on the connection's thread. State set here lasts as long as the
 * connection. What only the upload's handlers need is in {@link #uploads()}.
 */
public interface Session {

    /** Encodes and sends one response in one write. */
    void reply(ResponsePayload response) throws IOException;

    /** The client this connection speaks for, once a registration or key exchange named it. */
    Optional<ClientId> clientId();

    /** Names the client this connection speaks for. */
    void identify(ClientId clientId);

    /** The client id held for a name after 1606 on this connection. */
    Optional<Reservation> reservation();

    void reserve(Reservation reservation);

    /** The AES key given to this connection by 1602 or 1605; a reconnect elsewhere never changes it. */
    Optional<byte[]> aesKey();

    /**
     * The public key (X.509 SubjectPublicKeyInfo, DER: for the protocol's RSA keys the 160 bytes of its
     * public key field) whose private key the peer proved it holds, by the certificate it presented in
     * this connection's TLS handshake. Empty on the plain port, and over TLS without a certificate.
     */
    Optional<byte[]> provenKey();

    /** Records the key exchange of this connection: the client it names and the AES key sent to it. */
    void keyExchanged(ClientId clientId, byte[] aesKey);

    /**
     * Reports what the peer did wrong; the source address of the connection is penalized for it
     * (unless it is exempt). The refusal that usually follows is then not counted a second time.
     */
    void misconduct(Misconduct what);

    /**
     * Asks whether the server takes one more registration from this connection's source and in all
     * ({@code max.clients}); false means answer 1601. Counts the registration when it answers true.
     */
    boolean admitRegistration() throws StoreException;

    /**
     * A plugin's own state for this connection, one object per type: {@code initial} makes it on the
     * first call of the connection, later calls return the same object. Handlers keep no state of their
     * own ({@link RequestHandler}), so what must last from one request to the next lives here.
     */
    <T> T connectionState(Class<T> type, Supplier<T> initial);

    /**
     * Makes kept version {@code number} of the client's file {@code fileName} its content again, confirmed;
     * what the file held is kept as a version, under the versions policy, as when an upload replaces it.
     * Version {@code number} stays.
     *
     * @return the number the replaced content is kept as (0 when none is kept); empty when the client has no
     *         such file or version
     */
    OptionalLong restoreVersion(ClientId clientId, String fileName, long number) throws Exception;

    /** The upload in progress on this connection, and what receiving a file takes. */
    Uploads uploads();

    Store store();

    CryptoSuite crypto();

    FileArea files();

    Clock clock();

    System.Logger logger();
}
