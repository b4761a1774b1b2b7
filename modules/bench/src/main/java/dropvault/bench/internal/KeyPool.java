package dropvault.bench.internal;

import dropvault.crypto.CryptoSuite;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.IntStream;

/** RSA key pairs made before the clock starts (one per client), so the run measures the server. */
final class KeyPool {
    private final List<KeyPair> pairs;
    private final List<byte[]> encodedPublicKeys;

    KeyPool(CryptoSuite crypto, int count) {
        this.pairs = IntStream.range(0, count).parallel().mapToObj(i -> crypto.generateKeyPair()).toList();
        this.encodedPublicKeys = pairs.stream().map(p -> crypto.encodePublicKey(p.getPublic())).toList();
    }

    KeyPair pair(int client) {
        return pairs.get(client);
    }

    byte[] publicKey(int client) {
        return encodedPublicKeys.get(client).clone();
    }
}
