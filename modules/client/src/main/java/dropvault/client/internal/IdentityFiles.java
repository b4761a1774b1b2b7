package dropvault.client.internal;

import dropvault.crypto.CryptoSuite;
import dropvault.protocol.ClientId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * me.info and priv.key in a client folder. me.info: the name, the id as 32 hex digits, then the
 * private key in base64 wrapped at 72 columns, as the original client (Crypto++) writes it;
 * priv.key: the same base64 alone. Both are written owner-only. The key in priv.key wins over
 * the one in me.info.
 */
public final class IdentityFiles {
    public static final String ME_INFO = "me.info";
    public static final String PRIV_KEY = "priv.key";
    static final int BASE64_COLUMNS = 72;

    private final Path dir;
    private final CryptoSuite crypto;

    public IdentityFiles(Path dir, CryptoSuite crypto) {
        this.dir = dir;
        this.crypto = crypto;
    }

    public Path meInfo() {
        return dir.resolve(ME_INFO);
    }

    public Path privKey() {
        return dir.resolve(PRIV_KEY);
    }

    /** The stored identity, or empty when there is no me.info. */
    Optional<Identity> load() throws IOException {
        if (!Files.exists(meInfo())) {
            return Optional.empty();
        }
        List<String> lines = ClientFileText.lines(meInfo());
        if (lines.size() < 2) {
            throw new IOException(meInfo() + ": expected the name and the client id, found " + lines.size() + " lines");
        }
        String name = lines.get(0);
        if (name.isEmpty()) {
            throw new IOException(meInfo() + ": line 1 holds no name");
        }
        ClientId id;
        try {
            id = ClientId.fromHex(lines.get(1));
        } catch (IllegalArgumentException e) {
            throw new IOException(meInfo() + ": line 2: " + e.getMessage(), e);
        }
        PrivateKey key;
        if (Files.exists(privKey())) {
            key = decodeKey(privKey(), String.join("", ClientFileText.lines(privKey())));
        } else if (lines.size() > 2) {
            key = decodeKey(meInfo(), String.join("", lines.subList(2, lines.size())));
        } else {
            throw new IOException(meInfo() + " holds no private key and there is no " + privKey());
        }
        return Optional.of(new Identity(name, id, key));
    }

    /**
     * Makes the folder of me.info and priv.key when it is missing (owner-only where the file system
     * has POSIX permissions), before a registration: a folder that cannot be made fails here, while
     * the name is still free on the server.
     */
    void prepareFolder() throws IOException {
        if (!Files.isDirectory(dir)) {
            OwnerOnlyFiles.createFolder(dir);
        }
    }

    /** Writes me.info and priv.key, owner-only, each replaced atomically. */
    void save(Identity identity) throws IOException {
        String key = wrap(Base64.getEncoder().encodeToString(crypto.encodePrivateKey(identity.privateKey())));
        OwnerOnlyFiles.write(privKey(), key.getBytes(StandardCharsets.US_ASCII));
        String me = identity.name() + "\n" + identity.clientId().hex() + "\n" + key;
        OwnerOnlyFiles.write(meInfo(), me.getBytes(StandardCharsets.UTF_8));
    }

    private PrivateKey decodeKey(Path file, String base64) throws IOException {
        if (base64.isEmpty()) {
            throw new IOException(file + " holds no private key");
        }
        try {
            return crypto.decodePrivateKey(Base64.getMimeDecoder().decode(base64));
        } catch (IllegalArgumentException | InvalidKeyException e) {
            throw new IOException(file + ": not a base64 PKCS#8 RSA private key", e);
        }
    }

    /** Base64 in lines of 72 characters, each ending in LF. */
    static String wrap(String base64) {
        StringBuilder sb = new StringBuilder(base64.length() + base64.length() / BASE64_COLUMNS + 1);
        for (int i = 0; i < base64.length(); i += BASE64_COLUMNS) {
            sb.append(base64, i, Math.min(base64.length(), i + BASE64_COLUMNS)).append('\n');
        }
        return sb.toString();
    }
}
