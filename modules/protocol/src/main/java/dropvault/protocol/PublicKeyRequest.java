package dropvault.protocol;

import java.util.Arrays;

/** 826: the client's RSA public key, X.509 DER, 160 bytes. */
public record PublicKeyRequest(NameField name, byte[] publicKey) implements RequestPayload {
    public PublicKeyRequest {
        if (publicKey.length != Protocol.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("a public key field is 160 bytes, not " + publicKey.length);
        }
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKeyRequest p && name.equals(p.name) && Arrays.equals(publicKey, p.publicKey);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "PublicKeyRequest[name=" + name + ", publicKey=" + publicKey.length + " bytes]";
    }
}
