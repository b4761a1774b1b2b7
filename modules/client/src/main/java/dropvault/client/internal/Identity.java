package dropvault.client.internal;

import dropvault.protocol.ClientId;
import java.security.PrivateKey;

/** Who the client is: its name, the id the server gave it, and its RSA private key. */
record Identity(String name, ClientId clientId, PrivateKey privateKey) {
}
